; buffer.asm - a zeroed heap buffer owned by libmath.
;
; Layout: one calloc'd block, a 16-byte header (the length, then padding)
; followed by the data, so data keeps malloc's 16-byte alignment and one
; free releases everything.  Callers must free it with math_buffer_free,
; never with their own free (their allocator may not be this one).

%include "libmath.inc"

extern calloc
extern free

%define BUF_LEN     0
%define BUF_HEADER  16
; Larger requests are refused before calloc: size + header must not wrap,
; and glibc rejects objects over PTRDIFF_MAX anyway.
%define BUF_MAX     (0x7FFFFFFFFFFFFFFF - BUF_HEADER)

section .text

; int math_buffer_new(size_t size, math_buffer **out) - *out is written only on success.
FUNC math_buffer_new
    push    rbx
    push    rbp
    sub     rsp, 8                      ; entry rsp%16 == 8; 2 pushes + 8 -> aligned call
    mov     rbx, rdi                    ; size, callee-saved across calloc
    mov     rbp, rsi                    ; out
    mov     rax, BUF_MAX
    cmp     rdi, rax
    ja      .oom
    lea     rsi, [rdi + BUF_HEADER]
    mov     edi, 1
    call    calloc wrt ..plt            ; zeroed memory, via the PLT: no TEXTREL
    test    rax, rax
    jz      .oom
    mov     [rax + BUF_LEN], rbx
    mov     [rbp], rax
    xor     eax, eax
.out:
    add     rsp, 8
    pop     rbp
    pop     rbx
    ret
.oom:
    mov     eax, MATH_ERR_OUT_OF_MEMORY
    jmp     .out
ENDFUNC

; void math_buffer_free(math_buffer *buffer) - NULL is a no-op.
FUNC math_buffer_free
    test    rdi, rdi
    jz      .done
    jmp     free wrt ..plt              ; tail call: free sees our caller's alignment
.done:
    ret
ENDFUNC

; uint8_t *math_buffer_data(math_buffer *buffer) - NULL for a NULL buffer.
FUNC math_buffer_data
    xor     eax, eax
    test    rdi, rdi
    jz      .done
    lea     rax, [rdi + BUF_HEADER]
.done:
    ret
ENDFUNC

; size_t math_buffer_len(const math_buffer *buffer) - 0 for a NULL buffer.
FUNC math_buffer_len
    xor     eax, eax
    test    rdi, rdi
    jz      .done
    mov     rax, [rdi + BUF_LEN]
.done:
    ret
ENDFUNC

section .note.GNU-stack noalloc noexec nowrite progbits
