default rel
section .text
global miss_once:function (miss_once.end - miss_once)
miss_once:
    mov rax, rdi
    ret
.end:
; twice is only a local label, not a global function
miss_twice:
    lea rax, [rdi + rdi]
    ret
section .note.GNU-stack noalloc noexec nowrite progbits
