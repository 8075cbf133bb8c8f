; mxcsr: the MXCSR control bits (rounding, FTZ, DAZ, masks) are callee-saved.
%include "fx.inc"
section .text

; int64_t fx_mx_bad_floor_sum(const double *v, size_t n) - the sum of floor(v[i]),
; converted with the rounding mode set to "down".  BUG: the caller's MXCSR is not restored.
FUNC fx_mx_bad_floor_sum
    stmxcsr [rsp - 4]
    mov     eax, [rsp - 4]
    and     eax, ~0x6000
    or      eax, 0x2000                 ; RC = 01: toward -infinity
    mov     [rsp - 8], eax
    ldmxcsr [rsp - 8]
    xor     eax, eax
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .done
    cvtsd2si rdx, [rdi + rcx * 8]
    add     rax, rdx
    inc     rcx
    jmp     .loop
.done:
    ret
ENDFUNC

; The twin restores MXCSR (and, a leaf, keeps both copies in its red zone).
FUNC fx_mx_good_floor_sum
    stmxcsr [rsp - 4]
    mov     eax, [rsp - 4]
    and     eax, ~0x6000
    or      eax, 0x2000
    mov     [rsp - 8], eax
    ldmxcsr [rsp - 8]
    xor     eax, eax
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .done
    cvtsd2si rdx, [rdi + rcx * 8]
    add     rax, rdx
    inc     rcx
    jmp     .loop
.done:
    ldmxcsr [rsp - 4]
    ret
ENDFUNC

GNU_STACK
