; plt: calls to functions outside the object go through the PLT.
%include "fx.inc"
extern malloc
extern memcpy
section .text

; uint8_t *fx_plt_bad_dup(const uint8_t *src, size_t n) - a malloc'd copy (the caller frees it).
; BUG: `call malloc` without `wrt ..plt` is R_X86_64_PC32 to an undefined symbol: no shared
; library can be linked from it.
FUNC fx_plt_bad_dup
    push    rbx
    push    r12
    sub     rsp, 8
    mov     rbx, rdi
    mov     r12, rsi
    mov     rdi, rsi
    test    rdi, rdi
    jnz     .alloc
    mov     edi, 1
.alloc:
    call    malloc
    test    rax, rax
    jz      .out
    mov     rdi, rax
    mov     rsi, rbx
    mov     rdx, r12
    call    memcpy
.out:
    add     rsp, 8
    pop     r12
    pop     rbx
    ret
ENDFUNC

GNU_STACK
