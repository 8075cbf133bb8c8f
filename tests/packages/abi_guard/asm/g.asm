default rel
section .text
global g_a:function (g_a.end - g_a)
g_a:
    mov rax, rdi
    ret
.end:
global g_b:function (g_b.end - g_b)
g_b:
    lea rax, [rdi + 1]
    ret
.end:
global g_c:function (g_c.end - g_c)
g_c:
    lea rax, [rdi + 2]
    ret
.end:
section .note.GNU-stack noalloc noexec nowrite progbits
