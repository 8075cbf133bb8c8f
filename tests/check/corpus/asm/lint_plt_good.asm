%include "fx.inc"
extern malloc
extern memcpy
section .text

FUNC fx_plt_good_dup
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
    call    malloc wrt ..plt
    test    rax, rax
    jz      .out
    mov     rdi, rax
    mov     rsi, rbx
    mov     rdx, r12
    call    memcpy wrt ..plt
.out:
    add     rsp, 8
    pop     r12
    pop     rbx
    ret
ENDFUNC

GNU_STACK
