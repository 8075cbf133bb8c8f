default rel
section .text
global one_add:function (one_add.end - one_add)
one_add:
    lea eax, [rdi + rsi]
    ret
.end:
section .note.GNU-stack noalloc noexec nowrite progbits
