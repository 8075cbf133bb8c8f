; Expensive to assemble on purpose (the Ctrl-C test interrupts it).
default rel
section .text
filler:
%rep 3000
  %rep 1000
    nop
  %endrep
%endrep
    ret
section .note.GNU-stack noalloc noexec nowrite progbits
