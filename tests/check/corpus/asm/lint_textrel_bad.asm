; textrel: code must address data RIP-relative.
%include "fx.inc"
section .rodata
nibble_bits: db 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4

section .text

; uint32_t fx_tr_bad_popcount(uint64_t x) - a nibble-table popcount.
; BUG: an operand with an index register cannot be RIP-relative, so `default rel` does not help:
; NASM emits an absolute 32-bit address (R_X86_64_32S), a text relocation.
FUNC fx_tr_bad_popcount
    xor     eax, eax
    mov     rcx, rdi
.loop:
    test    rcx, rcx
    jz      .done
    mov     edx, ecx
    and     edx, 15
    movzx   edx, byte [nibble_bits + rdx]
    add     eax, edx
    shr     rcx, 4
    jmp     .loop
.done:
    ret
ENDFUNC

GNU_STACK
