default rel
section .text
global vers_first:function (vers_first.end - vers_first)
vers_first:
    lea eax, [rdi + 1]
    ret
.end:

global vers_second:function (vers_second.end - vers_second)
vers_second:
    test rdi, rdi
    js .negative
    lea rax, [rdi + rdi]
    mov [rsi], rax
    xor eax, eax
    ret
.negative:
    mov eax, 1
    ret
.end:

global vers_third:function (vers_third.end - vers_third)
vers_third:
    xor edi, 1
    movzx eax, dil
    ret
.end:

global vers_message:function (vers_message.end - vers_message)
vers_message:
    lea rax, [unknown]
    lea rdx, [negative]
    cmp edi, 1
    cmove rax, rdx
    ret
.end:

section .rodata
unknown: db "unknown error", 0
negative: db "negative input", 0

section .note.GNU-stack noalloc noexec nowrite progbits
