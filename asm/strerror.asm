; strerror.asm - messages for status codes.
;
; The strings are constants in .rodata: thread-safe, never freed, never
; written.  The table holds 32-bit offsets from itself rather than pointers,
; so it needs no relocations at all (pointers would need load-time
; R_X86_64_RELATIVE fixups in a shared library).

%include "libmath.inc"

section .rodata

; Messages must match [[errors]] in asmpkg.toml exactly.
msg_ok:         db "success", 0
msg_div_zero:   db "division by zero", 0
msg_overflow:   db "result does not fit in the output type", 0
msg_empty:      db "input is empty", 0
msg_cpu:        db "the CPU lacks a required instruction", 0
msg_entropy:    db "the hardware random number generator kept failing", 0
msg_oom:        db "out of memory", 0
msg_unknown:    db "unknown error", 0

align 4
msg_table:
    dd msg_ok       - msg_table         ; MATH_OK
    dd msg_div_zero - msg_table         ; MATH_ERR_DIVISION_BY_ZERO
    dd msg_overflow - msg_table         ; MATH_ERR_OVERFLOW
    dd msg_empty    - msg_table         ; MATH_ERR_EMPTY_INPUT
    dd msg_cpu      - msg_table         ; MATH_ERR_UNSUPPORTED_CPU
    dd msg_entropy  - msg_table         ; MATH_ERR_ENTROPY_EXHAUSTED
    dd msg_oom      - msg_table         ; MATH_ERR_OUT_OF_MEMORY

section .text

; const char *math_strerror(int code)
FUNC math_strerror
    lea     rax, [msg_table]
    cmp     edi, MATH_ERR_LAST          ; unsigned: negative codes are unknown too
    ja      .unknown
    mov     ecx, edi                    ; zero-extends: never index with rdi's upper half
    movsxd  rdx, dword [rax + rcx * 4]
    add     rax, rdx
    ret
.unknown:
    lea     rax, [msg_unknown]
    ret
ENDFUNC

section .note.GNU-stack noalloc noexec nowrite progbits
