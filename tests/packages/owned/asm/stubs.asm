; Each ow_ function jumps to its C implementation in src/owned.c.

%macro STUB 1
    global ow_%1:function (ow_%1.end - ow_%1)
    extern impl_%1
ow_%1:
    jmp impl_%1 wrt ..plt
.end:
%endmacro

section .text

STUB describe
STUB label
STUB release
STUB released

section .note.GNU-stack noalloc noexec nowrite progbits
