; callee_saved: a function must return with rbx, rbp and r12-r15 as it found them.
%include "fx.inc"
section .text

; uint64_t fx_cs_bad_sum_u32(const uint32_t *v, size_t n)
; BUG: rbx is the accumulator and is never saved.
FUNC fx_cs_bad_sum_u32
    xor     ebx, ebx
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .done
    mov     eax, [rdi + rcx * 4]
    add     rbx, rax
    inc     rcx
    jmp     .loop
.done:
    mov     rax, rbx
    ret
ENDFUNC

; The twin: rbx is pushed and popped.
FUNC fx_cs_good_sum_u32
    push    rbx
    xor     ebx, ebx
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .done
    mov     eax, [rdi + rcx * 4]
    add     rbx, rax
    inc     rcx
    jmp     .loop
.done:
    mov     rax, rbx
    pop     rbx
    ret
ENDFUNC

GNU_STACK
