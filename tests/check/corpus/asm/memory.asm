; overread, overwrite, const_write and sret_rax: buffers and returned structs.
%include "fx.inc"
section .rodata
hexdigits: db "0123456789abcdef"

section .text

; uint64_t fx_or_bad_xor8(const uint8_t *p, size_t n) - XOR of p as little-endian qwords, the
; last one zero-padded.  BUG: loads a whole qword for a tail of fewer than 8 bytes.
FUNC fx_or_bad_xor8
    xor     eax, eax
    cmp     rsi, 8
    jb      .tail
.loop:
    xor     rax, [rdi]
    add     rdi, 8
    sub     rsi, 8
    cmp     rsi, 8
    jae     .loop
.tail:
    test    rsi, rsi
    jz      .done
    mov     rdx, [rdi]
    lea     rcx, [rsi * 8]
    mov     r8, -1
    shl     r8, cl
    not     r8
    and     rdx, r8
    xor     rax, rdx
.done:
    ret
ENDFUNC

FUNC fx_or_good_xor8
    xor     eax, eax
    cmp     rsi, 8
    jb      .tail
.loop:
    xor     rax, [rdi]
    add     rdi, 8
    sub     rsi, 8
    cmp     rsi, 8
    jae     .loop
.tail:
    test    rsi, rsi
    jz      .done
    xor     edx, edx
.byte:
    shl     rdx, 8
    movzx   r8d, byte [rdi + rsi - 1]
    or      rdx, r8
    dec     rsi
    jnz     .byte
    xor     rax, rdx
.done:
    ret
ENDFUNC

; uint64_t fx_or_bad_last8(const uint8_t *p, size_t n) - the last (up to) 8 bytes as a little-endian
; number.  BUG: for n < 8 it loads the 8 bytes ending at p + n, reading before p.
FUNC fx_or_bad_last8
    xor     eax, eax
    test    rsi, rsi
    jz      .done
    mov     rax, [rdi + rsi - 8]
    cmp     rsi, 8
    jae     .done
    lea     ecx, [esi * 8]
    neg     ecx
    add     ecx, 64
    shr     rax, cl
.done:
    ret
ENDFUNC

FUNC fx_or_good_last8
    xor     eax, eax
    test    rsi, rsi
    jz      .done
    cmp     rsi, 8
    jb      .short
    mov     rax, [rdi + rsi - 8]
    ret
.short:
    shl     rax, 8
    movzx   ecx, byte [rdi + rsi - 1]
    or      rax, rcx
    dec     rsi
    jnz     .short
.done:
    ret
ENDFUNC

; void fx_ow_bad_hex(const uint8_t *in, size_t n, char out[2 * n]) - lowercase hex digits.
; BUG: also writes a terminating NUL, one byte past the 2n the caller provides.
FUNC fx_ow_bad_hex
    lea     r8, [hexdigits]
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .fin
    movzx   eax, byte [rdi + rcx]
    mov     r9d, eax
    shr     eax, 4
    and     r9d, 15
    mov     al, [r8 + rax]
    mov     r9b, [r8 + r9]
    mov     [rdx + rcx * 2], al
    mov     [rdx + rcx * 2 + 1], r9b
    inc     rcx
    jmp     .loop
.fin:
    mov     byte [rdx + rcx * 2], 0
    ret
ENDFUNC

FUNC fx_ow_good_hex
    lea     r8, [hexdigits]
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .fin
    movzx   eax, byte [rdi + rcx]
    mov     r9d, eax
    shr     eax, 4
    and     r9d, 15
    mov     al, [r8 + rax]
    mov     r9b, [r8 + r9]
    mov     [rdx + rcx * 2], al
    mov     [rdx + rcx * 2 + 1], r9b
    inc     rcx
    jmp     .loop
.fin:
    ret
ENDFUNC

; int64_t fx_ow_bad_shadow_sum(const int64_t *v, size_t n) - the sum of v.  Ported from Win64, whose
; callers reserve 32 bytes of home space above the return address.  BUG: System V callers reserve
; none, so "homing" the arguments there overwrites the caller's own stack frame.
FUNC fx_ow_bad_shadow_sum
    mov     [rsp + 8], rdi
    mov     [rsp + 16], rsi
    xor     eax, eax
    xor     ecx, ecx
.loop:
    cmp     rcx, [rsp + 16]
    jae     .done
    mov     rdx, [rsp + 8]
    add     rax, [rdx + rcx * 8]
    inc     rcx
    jmp     .loop
.done:
    ret
ENDFUNC

; The twin spills below rsp instead: a leaf's red zone.
FUNC fx_ow_good_shadow_sum
    mov     [rsp - 8], rdi
    mov     [rsp - 16], rsi
    xor     eax, eax
    xor     ecx, ecx
.loop:
    cmp     rcx, [rsp - 16]
    jae     .done
    mov     rdx, [rsp - 8]
    add     rax, [rdx + rcx * 8]
    inc     rcx
    jmp     .loop
.done:
    ret
ENDFUNC

; int64_t fx_cw_bad_find(const uint8_t *p, size_t n, uint8_t c) - index of the first c, or -1.
; BUG: plants c as a sentinel in p[n - 1] (and puts the byte back) to drop the bounds check,
; writing to an input the caller declared const (a string literal, a read-only mapping...).
FUNC fx_cw_bad_find
    mov     rax, -1
    test    rsi, rsi
    jz      .done
    movzx   r8d, byte [rdi + rsi - 1]
    mov     [rdi + rsi - 1], dl
    xor     ecx, ecx
.loop:
    cmp     [rdi + rcx], dl
    je      .found
    inc     rcx
    jmp     .loop
.found:
    mov     [rdi + rsi - 1], r8b
    lea     r9, [rsi - 1]
    cmp     rcx, r9
    jb      .hit
    cmp     r8b, dl
    jne     .done
.hit:
    mov     rax, rcx
.done:
    ret
ENDFUNC

FUNC fx_cw_good_find
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .none
    cmp     [rdi + rcx], dl
    je      .hit
    inc     rcx
    jmp     .loop
.hit:
    mov     rax, rcx
    ret
.none:
    mov     rax, -1
    ret
ENDFUNC

; fx_stats fx_sret_bad_stats(const int64_t *v, size_t n) - min, max and sum (all 0 for n == 0).
; A 24-byte struct comes back through the hidden pointer in rdi.  BUG: rax is not that pointer.
FUNC fx_sret_bad_stats
    xor     eax, eax
    xor     ecx, ecx
    xor     r8d, r8d
    xor     r9d, r9d
    test    rdx, rdx
    jz      .store
    mov     rcx, [rsi]
    mov     r8, rcx
    xor     r10d, r10d
.loop:
    mov     r11, [rsi + r10 * 8]
    add     r9, r11
    cmp     r11, rcx
    cmovl   rcx, r11
    cmp     r11, r8
    cmovg   r8, r11
    inc     r10
    cmp     r10, rdx
    jb      .loop
.store:
    mov     [rdi], rcx
    mov     [rdi + 8], r8
    mov     [rdi + 16], r9
    ret
ENDFUNC

FUNC fx_sret_good_stats
    xor     ecx, ecx
    xor     r8d, r8d
    xor     r9d, r9d
    test    rdx, rdx
    jz      .store
    mov     rcx, [rsi]
    mov     r8, rcx
    xor     r10d, r10d
.loop:
    mov     r11, [rsi + r10 * 8]
    add     r9, r11
    cmp     r11, rcx
    cmovl   rcx, r11
    cmp     r11, r8
    cmovg   r8, r11
    inc     r10
    cmp     r10, rdx
    jb      .loop
.store:
    mov     [rdi], rcx
    mov     [rdi + 8], r8
    mov     [rdi + 16], r9
    mov     rax, rdi
    ret
ENDFUNC

; int fx_cr_bad_divide(int64_t a, int64_t b, int64_t *q) - a / b, truncating.
; BUG: no check for b == 0, so IDIV raises #DE (SIGFPE).
FUNC fx_cr_bad_divide
    mov     rcx, rdx
    mov     rax, rdi
    cmp     rsi, -1
    je      .negate
    cqo
    idiv    rsi
    mov     [rcx], rax
    xor     eax, eax
    ret
.negate:
    neg     rax
    jo      .overflow
    mov     [rcx], rax
    xor     eax, eax
    ret
.overflow:
    mov     eax, FX_ERR_OVERFLOW
    ret
ENDFUNC

FUNC fx_cr_good_divide
    test    rsi, rsi
    jz      .by_zero
    mov     rcx, rdx
    mov     rax, rdi
    cmp     rsi, -1
    je      .negate
    cqo
    idiv    rsi
    mov     [rcx], rax
    xor     eax, eax
    ret
.negate:
    neg     rax
    jo      .overflow
    mov     [rcx], rax
    xor     eax, eax
    ret
.by_zero:
    mov     eax, FX_ERR_DIVISION_BY_ZERO
    ret
.overflow:
    mov     eax, FX_ERR_OVERFLOW
    ret
ENDFUNC

; uint32_t fx_cb_good_count_chunks(const uint8_t *p, size_t n, fx_chunk_fn fn, void *user)
; fx_chunk_fn is bool (*)(void *user, const uint8_t *chunk, uint32_t len): called for each
; 16-byte chunk (the last may be shorter); counts the chunks it accepts.
FUNC fx_cb_good_count_chunks
    push    rbx
    push    rbp
    push    r12
    push    r13
    push    r14
    push    r15
    sub     rsp, 8
    mov     rbx, rdi                    ; cursor
    lea     r12, [rdi + rsi]            ; end
    mov     r13, rdx                    ; fn
    mov     r14, rcx                    ; user
    xor     r15d, r15d                  ; accepted
.loop:
    cmp     rbx, r12
    jae     .done
    mov     rdx, r12
    sub     rdx, rbx
    mov     eax, 16
    cmp     rdx, rax
    cmova   rdx, rax                    ; this chunk's length
    mov     rbp, rdx
    mov     rdi, r14
    mov     rsi, rbx
    call    r13
    test    al, al
    jz      .next
    inc     r15d
.next:
    add     rbx, rbp
    jmp     .loop
.done:
    mov     eax, r15d
    add     rsp, 8
    pop     r15
    pop     r14
    pop     r13
    pop     r12
    pop     rbp
    pop     rbx
    ret
ENDFUNC

GNU_STACK
