%include "fx.inc"
section .text

FUNC fx_st_good_negate
    mov     rax, rdi
    neg     rax
    ret
ENDFUNC

GNU_STACK
