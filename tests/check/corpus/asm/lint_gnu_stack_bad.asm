; gnu_stack: every object needs a .note.GNU-stack section.
%include "fx.inc"
section .text

; int64_t fx_ls_bad_add3(int64_t a, int64_t b, int64_t c) - correct code in an object that
; lacks the note.  BUG: no `section .note.GNU-stack`, so linkers make the stack executable.
FUNC fx_ls_bad_add3
    lea     rax, [rdi + rsi]
    add     rax, rdx
    ret
ENDFUNC
