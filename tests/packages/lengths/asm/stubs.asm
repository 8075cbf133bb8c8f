; Each ln_ function jumps to its C implementation in src/lengths.c.

%macro STUB 1
    global ln_%1:function (ln_%1.end - ln_%1)
    extern impl_%1
ln_%1:
    jmp impl_%1 wrt ..plt
.end:
%endmacro

section .text

STUB sum_words
STUB sum_odd
STUB scale_in_place
STUB hex_lower
STUB ramp
STUB iota
STUB xor_key
STUB count_ones

section .note.GNU-stack noalloc noexec nowrite progbits
