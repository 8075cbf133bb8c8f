%include "fx.inc"
section .rodata
squares: db 0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196, 225

section .bss
alignb 8
fx_id_counter: resq 1                   ; listed in [sources] intended_state

section .text

; uint8_t fx_ws_good_square(uint8_t x) - x*x for x < 16 from a read-only table, else 0.
FUNC fx_ws_good_square
    xor     eax, eax
    movzx   ecx, dil
    cmp     ecx, 16
    jae     .done
    lea     rdx, [squares]
    movzx   eax, byte [rdx + rcx]
.done:
    ret
ENDFUNC

; uint64_t fx_ws_intended_next_id(void) - the same sequence number, made atomic with LOCK XADD:
; deliberate, declared state (listed in the report, not flagged).
FUNC fx_ws_intended_next_id
    mov     eax, 1
    lock xadd [fx_id_counter], rax
    inc     rax
    ret
ENDFUNC

GNU_STACK
