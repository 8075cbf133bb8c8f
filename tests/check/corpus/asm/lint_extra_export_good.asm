%include "fx.inc"
section .text

FUNC_HIDDEN fx_mix64_hidden
    mov     rax, rdi
    shr     rdi, 33
    xor     rax, rdi
    mov     rdx, 0xff51afd7ed558ccd
    imul    rax, rdx
    ret
ENDFUNC

FUNC fx_xe_good_hash
    jmp     fx_mix64_hidden
ENDFUNC

GNU_STACK
