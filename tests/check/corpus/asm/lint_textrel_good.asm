%include "fx.inc"
section .rodata
nibble_bits: db 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4

section .text

FUNC fx_tr_good_popcount
    xor     eax, eax
    mov     rcx, rdi
    lea     r8, [nibble_bits]
.loop:
    test    rcx, rcx
    jz      .done
    mov     edx, ecx
    and     edx, 15
    movzx   edx, byte [r8 + rdx]
    add     eax, edx
    shr     rcx, 4
    jmp     .loop
.done:
    ret
ENDFUNC

GNU_STACK
