; Calling out: stack_alignment, red_zone and volatile_across_call.
; fx_map_fn is int64_t (*)(int64_t value, void *user); fx_dmap_fn is double (*)(double, void *).
%include "fx.inc"
extern malloc
extern memcpy
section .text

; int64_t fx_sa_bad_map_sum(const int64_t *v, size_t n, fx_map_fn fn, void *user)
; BUG: six pushes (every callee-saved register, "to be safe") leave rsp % 16 == 8 at each call.
FUNC fx_sa_bad_map_sum
    push    rbx
    push    rbp
    push    r12
    push    r13
    push    r14
    push    r15
    mov     rbx, rdi
    lea     r12, [rdi + rsi * 8]
    mov     r13, rdx
    mov     r15, rcx
    xor     ebp, ebp
    cmp     rbx, r12
    je      .done
.loop:
    mov     rdi, [rbx]
    mov     rsi, r15
    call    r13
    add     rbp, rax
    add     rbx, 8
    cmp     rbx, r12
    jne     .loop
.done:
    mov     rax, rbp
    pop     r15
    pop     r14
    pop     r13
    pop     r12
    pop     rbp
    pop     rbx
    ret
ENDFUNC

; The twin: six pushes and 8 more bytes.
FUNC fx_sa_good_map_sum
    push    rbx
    push    rbp
    push    r12
    push    r13
    push    r14
    push    r15
    sub     rsp, 8
    mov     rbx, rdi
    lea     r12, [rdi + rsi * 8]
    mov     r13, rdx
    mov     r15, rcx
    xor     ebp, ebp
    cmp     rbx, r12
    je      .done
.loop:
    mov     rdi, [rbx]
    mov     rsi, r15
    call    r13
    add     rbp, rax
    add     rbx, 8
    cmp     rbx, r12
    jne     .loop
.done:
    mov     rax, rbp
    add     rsp, 8
    pop     r15
    pop     r14
    pop     r13
    pop     r12
    pop     rbp
    pop     rbx
    ret
ENDFUNC

; uint8_t *fx_sa_bad_dup(const uint8_t *src, size_t n) - a malloc'd copy (the caller frees it).
; BUG: two pushes leave malloc and memcpy entered with rsp % 16 == 0.
FUNC fx_sa_bad_dup
    push    rbx
    push    r12
    mov     rbx, rdi
    mov     r12, rsi
    mov     rdi, rsi
    test    rdi, rdi
    jnz     .alloc
    mov     edi, 1                      ; malloc(0) may return NULL
.alloc:
    call    malloc wrt ..plt
    test    rax, rax
    jz      .out
    mov     rdi, rax
    mov     rsi, rbx
    mov     rdx, r12
    call    memcpy wrt ..plt            ; returns the destination
.out:
    pop     r12
    pop     rbx
    ret
ENDFUNC

FUNC fx_sa_good_dup
    push    rbx
    push    r12
    sub     rsp, 8
    mov     rbx, rdi
    mov     r12, rsi
    mov     rdi, rsi
    test    rdi, rdi
    jnz     .alloc
    mov     edi, 1
.alloc:
    call    malloc wrt ..plt
    test    rax, rax
    jz      .out
    mov     rdi, rax
    mov     rsi, rbx
    mov     rdx, r12
    call    memcpy wrt ..plt
.out:
    add     rsp, 8
    pop     r12
    pop     rbx
    ret
ENDFUNC

; int64_t fx_rz_bad_map_sum(const int64_t *v, size_t n, fx_map_fn fn, void *user)
; BUG: the running sum lives in the red zone, which every call may overwrite.
FUNC fx_rz_bad_map_sum
    push    rbx
    push    r12
    push    r13
    push    r14
    sub     rsp, 8
    mov     rbx, rdi
    lea     r12, [rdi + rsi * 8]
    mov     r13, rdx
    mov     r14, rcx
    mov     qword [rsp - 16], 0
    cmp     rbx, r12
    je      .done
.loop:
    mov     rdi, [rbx]
    mov     rsi, r14
    call    r13
    add     [rsp - 16], rax
    add     rbx, 8
    cmp     rbx, r12
    jne     .loop
.done:
    mov     rax, [rsp - 16]
    add     rsp, 8
    pop     r14
    pop     r13
    pop     r12
    pop     rbx
    ret
ENDFUNC

; The twin keeps the sum in rbp.
FUNC fx_rz_good_map_sum
    push    rbx
    push    rbp
    push    r12
    push    r13
    push    r14
    mov     rbx, rdi
    lea     r12, [rdi + rsi * 8]
    mov     r13, rdx
    mov     r14, rcx
    xor     ebp, ebp
    cmp     rbx, r12
    je      .done
.loop:
    mov     rdi, [rbx]
    mov     rsi, r14
    call    r13
    add     rbp, rax
    add     rbx, 8
    cmp     rbx, r12
    jne     .loop
.done:
    mov     rax, rbp
    pop     r14
    pop     r13
    pop     r12
    pop     rbp
    pop     rbx
    ret
ENDFUNC

; int64_t fx_rz_good_leaf_range(const int64_t *v, size_t n) - max - min (0 for no values).
; A leaf (it calls nothing) may keep data below rsp: this one keeps min and max there.
FUNC fx_rz_good_leaf_range
    xor     eax, eax
    test    rsi, rsi
    jz      .done
    mov     rax, [rdi]
    mov     [rsp - 8], rax
    mov     [rsp - 16], rax
    mov     ecx, 1
.loop:
    cmp     rcx, rsi
    jae     .finish
    mov     rdx, [rdi + rcx * 8]
    cmp     rdx, [rsp - 8]
    jge     .not_min
    mov     [rsp - 8], rdx
.not_min:
    cmp     rdx, [rsp - 16]
    jle     .not_max
    mov     [rsp - 16], rdx
.not_max:
    inc     rcx
    jmp     .loop
.finish:
    mov     rax, [rsp - 16]
    sub     rax, [rsp - 8]
.done:
    ret
ENDFUNC

; int64_t fx_vol_bad_map_sum(const int64_t *v, size_t n, fx_map_fn fn, void *user)
; BUG: the sum is kept in r8, which the callback may change.
FUNC fx_vol_bad_map_sum
    push    rbx
    push    r12
    push    r13
    push    r14
    sub     rsp, 8
    mov     rbx, rdi
    lea     r12, [rdi + rsi * 8]
    mov     r13, rdx
    mov     r14, rcx
    xor     r8d, r8d
    cmp     rbx, r12
    je      .done
.loop:
    mov     rdi, [rbx]
    mov     rsi, r14
    call    r13
    add     r8, rax
    add     rbx, 8
    cmp     rbx, r12
    jne     .loop
.done:
    mov     rax, r8
    add     rsp, 8
    pop     r14
    pop     r13
    pop     r12
    pop     rbx
    ret
ENDFUNC

; double fx_vol_bad_dsum(const double *v, size_t n, fx_dmap_fn fn, void *user) - sum of fn(v[i]).
; BUG: the sum is kept in xmm8, which the callback may change.
FUNC fx_vol_bad_dsum
    push    rbx
    push    r12
    push    r13
    push    r14
    sub     rsp, 8
    mov     rbx, rdi
    lea     r12, [rdi + rsi * 8]
    mov     r13, rdx
    mov     r14, rcx
    xorpd   xmm8, xmm8
    cmp     rbx, r12
    je      .done
.loop:
    movsd   xmm0, [rbx]
    mov     rdi, r14
    call    r13
    addsd   xmm8, xmm0
    add     rbx, 8
    cmp     rbx, r12
    jne     .loop
.done:
    movapd  xmm0, xmm8
    add     rsp, 8
    pop     r14
    pop     r13
    pop     r12
    pop     rbx
    ret
ENDFUNC

; The twin keeps the sum on the stack.
FUNC fx_vol_good_dsum
    push    rbx
    push    r12
    push    r13
    push    r14
    sub     rsp, 8
    mov     rbx, rdi
    lea     r12, [rdi + rsi * 8]
    mov     r13, rdx
    mov     r14, rcx
    mov     qword [rsp], 0
    cmp     rbx, r12
    je      .done
.loop:
    movsd   xmm0, [rbx]
    mov     rdi, r14
    call    r13
    addsd   xmm0, [rsp]
    movsd   [rsp], xmm0
    add     rbx, 8
    cmp     rbx, r12
    jne     .loop
.done:
    movsd   xmm0, [rsp]
    add     rsp, 8
    pop     r14
    pop     r13
    pop     r12
    pop     rbx
    ret
ENDFUNC

GNU_STACK
