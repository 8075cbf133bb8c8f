; callback.asm - calling back into the caller's code.

%include "libmath.inc"

section .text

; int64_t math_sum_with_callback(const int64_t *values, size_t count,
;                                math_map_fn fn, void *user)
; The callback may clobber every caller-saved register (and may re-enter
; libmath), so all loop state lives in callee-saved registers, and the stack
; is 16-byte aligned at each call.
FUNC math_sum_with_callback
    push    rbx
    push    rbp
    push    r12
    push    r13
    push    r14                         ; 5 pushes: rsp%16 == 0 for the calls
    mov     rbx, rdi                    ; cursor
    lea     rbp, [rdi + rsi * 8]        ; end
    mov     r12, rdx                    ; fn
    mov     r13, rcx                    ; user
    xor     r14d, r14d                  ; wrapping sum
    cmp     rbx, rbp
    je      .done
.loop:
    mov     rdi, [rbx]
    mov     rsi, r13
    call    r12
    add     r14, rax
    add     rbx, 8
    cmp     rbx, rbp
    jne     .loop
.done:
    mov     rax, r14
    pop     r14
    pop     r13
    pop     r12
    pop     rbp
    pop     rbx
    ret
ENDFUNC

section .note.GNU-stack noalloc noexec nowrite progbits
