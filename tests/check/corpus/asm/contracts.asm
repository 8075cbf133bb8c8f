; Contracts: correct functions that exercise every corner of the System V classification
; the harness implements.  Their test vectors prove that it passes and reads values where a
; C compiler would; none of them may be flagged.
%include "fx.inc"
extern calloc
extern free
section .text

; int64_t fx_k_many_ints(int64_t a, .. int64_t f, uint8_t g, int16_t h)
; a + 2b + 3c + 4d + 5e + 6f + 7g + 8h; g and h are on the stack (their slots' upper bytes are garbage).
FUNC fx_k_many_ints
    lea     rax, [rdi + rsi * 2]
    imul    rdx, rdx, 3
    add     rax, rdx
    lea     rax, [rax + rcx * 4]
    imul    r8, r8, 5
    add     rax, r8
    imul    r9, r9, 6
    add     rax, r9
    movzx   ecx, byte [rsp + 8]
    imul    rcx, rcx, 7
    add     rax, rcx
    movsx   rcx, word [rsp + 16]
    lea     rax, [rax + rcx * 8]
    ret
ENDFUNC

%macro ADDK 2
    mov     eax, %2
    cvtsi2sd xmm8, eax
    mulsd   %1, xmm8
    addsd   xmm0, %1
%endmacro

; double fx_k_many_doubles(double a, .. double i) - a + 2b + ... + 9i; i is on the stack.
FUNC fx_k_many_doubles
    ADDK    xmm1, 2
    ADDK    xmm2, 3
    ADDK    xmm3, 4
    ADDK    xmm4, 5
    ADDK    xmm5, 6
    ADDK    xmm6, 7
    ADDK    xmm7, 8
    movsd   xmm9, [rsp + 8]
    ADDK    xmm9, 9
    ret
ENDFUNC

; double fx_k_mixed_floats(float a, double b, float c) - a + b + c.
FUNC fx_k_mixed_floats
    cvtss2sd xmm0, xmm0
    addsd   xmm0, xmm1
    cvtss2sd xmm2, xmm2
    addsd   xmm0, xmm2
    ret
ENDFUNC

; double fx_k_mix(fx_mix m) - struct { int32_t a; float b; }: one INTEGER eightbyte, in rdi.
FUNC fx_k_mix
    movsxd  rax, edi
    cvtsi2sd xmm0, rax
    shr     rdi, 32
    movd    xmm1, edi
    cvtss2sd xmm1, xmm1
    addsd   xmm0, xmm1
    ret
ENDFUNC

; float fx_k_vec3_dot(fx_vec3 a, fx_vec3 b) - struct { float x, y, z; }: SSE, SSE (xmm0:xmm1, xmm2:xmm3).
FUNC fx_k_vec3_dot
    movq    xmm0, xmm0                  ; the upper lanes are garbage: drop them
    movq    xmm2, xmm2
    mulps   xmm0, xmm2
    movaps  xmm4, xmm0
    shufps  xmm4, xmm4, 0x55
    addss   xmm0, xmm4
    mulss   xmm1, xmm3
    addss   xmm0, xmm1
    ret
ENDFUNC

; fx_vec3 fx_k_vec3_scale(fx_vec3 v, float k) - returned in xmm0 (x, y) and xmm1 (z).
FUNC fx_k_vec3_scale
    shufps  xmm2, xmm2, 0
    mulps   xmm0, xmm2
    mulss   xmm1, xmm2
    ret
ENDFUNC

; double fx_k_tagged_get(fx_tagged t) - struct { uint8_t tag; double value; }: INTEGER (dil, the
; rest of rdi is padding), SSE (xmm0).  value if tag, else -value.
FUNC fx_k_tagged_get
    test    dil, dil
    jnz     .done
    mov     rax, 0x8000000000000000
    movq    xmm1, rax
    xorpd   xmm0, xmm1
.done:
    ret
ENDFUNC

; fx_tagged fx_k_tagged_make(uint8_t tag, double v) - returned in al (rax) and xmm0.
FUNC fx_k_tagged_make
    mov     eax, edi                    ; only al is the tag; the padding may be anything
    ret
ENDFUNC

; int64_t fx_k_big_sum(int64_t k, fx_big b) - k * (a + b + c + d); 32 bytes by value, on the stack.
FUNC fx_k_big_sum
    mov     rax, [rsp + 8]
    add     rax, [rsp + 16]
    add     rax, [rsp + 24]
    add     rax, [rsp + 32]
    imul    rax, rdi
    ret
ENDFUNC

; fx_big fx_k_big_make(int64_t base, int32_t step) - {base, base+step, ...}: sret in rdi, so the
; arguments start in rsi.
FUNC fx_k_big_make
    movsxd  rdx, edx
    mov     [rdi], rsi
    add     rsi, rdx
    mov     [rdi + 8], rsi
    add     rsi, rdx
    mov     [rdi + 16], rsi
    add     rsi, rdx
    mov     [rdi + 24], rsi
    mov     rax, rdi
    ret
ENDFUNC

; fx_pair fx_k_pair_swap(fx_pair p) - struct { int64_t lo, hi; }: in rdi:rsi, returned in rax:rdx.
FUNC fx_k_pair_swap
    mov     rax, rsi
    mov     rdx, rdi
    ret
ENDFUNC

; int64_t fx_k_spill(int64_t a, .. int64_t e, fx_pair p) - p needs two registers but one is left,
; so all of it goes on the stack.  a+b+c+d+e + 2*lo + 3*hi.
FUNC fx_k_spill
    lea     rax, [rdi + rsi]
    add     rax, rdx
    add     rax, rcx
    add     rax, r8
    mov     rcx, [rsp + 8]
    lea     rax, [rax + rcx * 2]
    mov     rcx, [rsp + 16]
    lea     rcx, [rcx + rcx * 2]
    add     rax, rcx
    ret
ENDFUNC

; uint16_t fx_k_u16_bswap(uint16_t x)
FUNC fx_k_u16_bswap
    movzx   eax, di
    rol     ax, 8
    ret
ENDFUNC

; int8_t fx_k_i8_neg(int8_t x) - an int8_t result is al alone: bits 8-63 may hold anything.
FUNC fx_k_i8_neg
    mov     eax, edi
    neg     al
    ret
ENDFUNC

; void fx_k_upcase(uint8_t *s, size_t n) - ASCII lowercase to uppercase, in place.
FUNC fx_k_upcase
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .done
    movzx   eax, byte [rdi + rcx]
    lea     edx, [rax - 'a']
    cmp     edx, 25
    ja      .next
    sub     eax, 32
    mov     [rdi + rcx], al
.next:
    inc     rcx
    jmp     .loop
.done:
    ret
ENDFUNC

; uint64_t fx_k_sum_blocks(const uint8_t *data, size_t n) - the sum of n qwords: data is n*8 bytes.
FUNC fx_k_sum_blocks
    xor     eax, eax
    test    rsi, rsi
    jz      .done
.loop:
    add     rax, [rdi]
    add     rdi, 8
    dec     rsi
    jnz     .loop
.done:
    ret
ENDFUNC

; uint8_t *fx_k_blob_new(size_t size) - zeroed memory; free it with fx_k_blob_free.
FUNC fx_k_blob_new
    sub     rsp, 8
    mov     rsi, rdi
    test    rsi, rsi
    jnz     .go
    mov     esi, 1
.go:
    mov     edi, 1
    call    calloc wrt ..plt
    add     rsp, 8
    ret
ENDFUNC

; void fx_k_blob_free(uint8_t *p)
FUNC fx_k_blob_free
    jmp     free wrt ..plt
ENDFUNC

GNU_STACK
