; direction_flag: DF must be clear on return (and at every call out).
%include "fx.inc"
section .text

; void fx_df_bad_copy(const uint8_t *src, size_t n, uint8_t *dst)
; Copies from the end down (memmove's overlap-safe direction).  BUG: no `cld` afterwards.
FUNC fx_df_bad_copy
    mov     rcx, rsi
    test    rcx, rcx
    jz      .done
    lea     rsi, [rdi + rcx - 1]
    lea     rdi, [rdx + rcx - 1]
    std
    rep movsb
.done:
    ret
ENDFUNC

FUNC fx_df_good_copy
    mov     rcx, rsi
    test    rcx, rcx
    jz      .done
    lea     rsi, [rdi + rcx - 1]
    lea     rdi, [rdx + rcx - 1]
    std
    rep movsb
    cld
.done:
    ret
ENDFUNC

GNU_STACK
