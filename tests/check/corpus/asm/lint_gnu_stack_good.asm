%include "fx.inc"
section .text

FUNC fx_ls_good_add3
    lea     rax, [rdi + rsi]
    add     rax, rdx
    ret
ENDFUNC

GNU_STACK
