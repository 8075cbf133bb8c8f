; arith.asm - scalar integer and floating-point routines.

%include "libmath.inc"

section .text

; int64_t math_add_ints(int64_t a, int64_t b) - two's-complement wrap.
FUNC math_add_ints
    lea     rax, [rdi + rsi]
    ret
ENDFUNC

; double math_multiply_doubles(double a, double b) - args and result in xmm0/xmm1.
FUNC math_multiply_doubles
    mulsd   xmm0, xmm1
    ret
ENDFUNC

; int math_safe_divide(int64_t a, int64_t b, int64_t *quotient)
; IDIV raises #DE (SIGFPE) both for b == 0 and for INT64_MIN / -1, so both are
; screened out before it runs.  *quotient is written only on success.
FUNC math_safe_divide
    test    rsi, rsi
    jz      .by_zero
    cmp     rsi, -1
    je      .negate                     ; a / -1 == -a; NEG flags the one overflow
    mov     rcx, rdx                    ; CQO/IDIV use rdx
    mov     rax, rdi
    cqo
    idiv    rsi                         ; truncates toward zero, like C
    mov     [rcx], rax
    xor     eax, eax
    ret
.negate:
    mov     rax, rdi
    neg     rax
    jo      .overflow                   ; only a == INT64_MIN sets OF
    mov     [rdx], rax
    xor     eax, eax
    ret
.by_zero:
    mov     eax, MATH_ERR_DIVISION_BY_ZERO
    ret
.overflow:
    mov     eax, MATH_ERR_OVERFLOW
    ret
ENDFUNC

; int math_fibonacci(uint32_t n, uint64_t *out) - F(93) is the last that fits.
; n is 32 bits wide: only edi is defined by the caller, never read rdi.
FUNC math_fibonacci
    cmp     edi, 93
    ja      .overflow
    xor     eax, eax                    ; F(i)
    mov     ecx, 1                      ; F(i + 1)
    test    edi, edi
    jz      .done
.loop:
    lea     rdx, [rax + rcx]            ; wraps only on the unused F(94)
    mov     rax, rcx
    mov     rcx, rdx
    dec     edi
    jnz     .loop
.done:
    mov     [rsi], rax
    xor     eax, eax
    ret
.overflow:
    mov     eax, MATH_ERR_OVERFLOW
    ret
ENDFUNC

; int math_max_i64(const int64_t *values, size_t count, int64_t *out)
; Two independent accumulators halve the CMOV dependency chain.
FUNC math_max_i64
    test    rsi, rsi
    jz      .empty
    mov     rax, [rdi]
    mov     r8, rax
    lea     rcx, [rdi + rsi * 8]        ; end
    add     rdi, 8
    lea     r9, [rcx - 8]               ; last address where a pair still fits
.pairs:
    cmp     rdi, r9
    jae     .single
    mov     r10, [rdi]
    mov     r11, [rdi + 8]
    cmp     rax, r10
    cmovl   rax, r10
    cmp     r8, r11
    cmovl   r8, r11
    add     rdi, 16
    jmp     .pairs
.single:
    cmp     rdi, rcx
    jae     .merge
    mov     r10, [rdi]
    cmp     rax, r10
    cmovl   rax, r10
.merge:
    cmp     rax, r8
    cmovl   rax, r8
    mov     [rdx], rax
    xor     eax, eax
    ret
.empty:
    mov     eax, MATH_ERR_EMPTY_INPUT
    ret
ENDFUNC

; void math_reverse_bytes(uint8_t *s, size_t len)
; Swaps byte-reversed qwords from both ends, then finishes byte by byte.
FUNC math_reverse_bytes
    lea     rdx, [rdi + rsi]            ; one past the end
.qwords:
    mov     rax, rdx
    sub     rax, rdi
    cmp     rax, 16
    jb      .bytes
    mov     rax, [rdi]
    mov     rcx, [rdx - 8]
    bswap   rax
    bswap   rcx
    mov     [rdi], rcx
    mov     [rdx - 8], rax
    add     rdi, 8
    sub     rdx, 8
    jmp     .qwords
.bytes:
    ; rax = bytes left (< 16); with fewer than 2 there is nothing to swap,
    ; and len == 0 must not form s - 1 (s may be NULL).
    cmp     rax, 2
    jb      .done
    dec     rdx                         ; last byte
.swap:
    movzx   eax, byte [rdi]
    movzx   ecx, byte [rdx]
    mov     [rdi], cl
    mov     [rdx], al
    inc     rdi
    dec     rdx
    cmp     rdi, rdx
    jb      .swap
.done:
    ret
ENDFUNC

section .note.GNU-stack noalloc noexec nowrite progbits
