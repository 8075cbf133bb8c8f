default rel
%include "bias.inc"
section .text
global incl_scale:function (incl_scale.end - incl_scale)
incl_scale:
    imul rax, rdi, FACTOR
    add rax, BIAS
    ret
.end:
section .note.GNU-stack noalloc noexec nowrite progbits
