; crc32.asm - zlib-compatible CRC-32 (reflected polynomial 0xEDB88320).
;
; Three variants, each a complete CRC-32 (and all chainable: the CRC of A||B
; is crc32(crc32(crc, A), B), which is also how the fast paths hand their
; sub-16-byte tails to the table code):
;   math_crc32_generic  slicing-by-8 tables; any x86-64.
;   math_crc32_pclmul   PCLMULQDQ folding of 4 x 128 bits, then Barrett
;                       reduction, as in Intel's "Fast CRC Computation for
;                       Generic Polynomials Using PCLMULQDQ" (Gopal et al.),
;                       reflected variant (the algorithm of zlib/Chromium).
;   math_crc32_vpclmul  the same folding on 4 zmm registers (4 x 512 bits,
;                       256 bytes per iteration) with EVEX VPCLMULQDQ.
; math_crc32 picks one through math_cpu_features; the variants themselves
; assume their features are present.
;
; Fold constants.  In the bit-reflected domain a 128-bit lane L, followed by
; D further bits of message, contributes L * x^D.  Its low qword holds the
; higher-degree coefficients, so it is multiplied by x^(D+32) mod P and the
; high qword by x^(D-32) mod P, each stored as reflect32(x^e mod P) << 1 (the
; extra shift keeps the 64x64 product aligned in the reflected domain):
;     D = 2048 (4 zmm, 256 bytes ahead)  x^2080 -> 0x11542778a, x^2016 -> 0x1322d1430
;     D =  512 (4 xmm / 1 zmm ahead)     x^544  -> 0x154442bd4, x^480  -> 0x1c6e41596
;     D =  128 (1 xmm ahead)             x^160  -> 0x1751997d0, x^96   -> 0x0ccaa009e
;     64 -> 32 bit step                  x^64   -> 0x163cd6124
; Barrett: P' = reflect33(P) = 0x1db710641, mu = reflect33(x^64 div P) = 0x1f7011641.
; P = x^32 + x^26 + ... + 1 = 0x104C11DB7.  (Derived and cross-checked against
; the published zlib/Linux values by a short script that does the GF(2)
; polynomial arithmetic.)

%include "libmath.inc"

section .rodata

align 64
; Slicing-by-8 tables: table k, entry i is the CRC register after byte value i
; has been shifted through 8 * (k + 1) bit steps, i.e. byte i followed by k zero
; bytes. Table 0 is the classic byte-at-a-time table. asm/crc32_tables.py writes
; them (NASM's %rep could, but at 0.4 s a build); tests check them both ways.
crc_tables:
%include "crc32_tables.inc"

align 16
fold_2048:  dq 0x011542778a, 0x01322d1430
fold_512:   dq 0x0154442bd4, 0x01c6e41596
fold_128:   dq 0x01751997d0, 0x00ccaa009e
fold_64:    dq 0x0163cd6124, 0
barrett:    dq 0x01db710641, 0x01f7011641          ; P', mu
mask_lo32:  dd 0xFFFFFFFF, 0, 0xFFFFFFFF, 0

; Below this many bytes the vpclmul path does not align its input first: the
; head through the tables (~20 ns) would cost more than split loads save.
ALIGN_MIN   equ 16384

section .text

; uint32_t math_crc32(uint32_t crc, const uint8_t *data, size_t len)
FUNC math_crc32
    LOAD_CPU_FEATURES                   ; preserves rdi, rsi, rdx
    bt      rax, CPUF_PATH_CRC_VPCLMUL
    jc      math_crc32_vpclmul
    bt      rax, CPUF_PATH_CRC_PCLMUL
    jc      math_crc32_pclmul
    jmp     math_crc32_generic
ENDFUNC

; uint32_t math_crc32_generic(uint32_t crc, const uint8_t *data, size_t len)
FUNC_HIDDEN math_crc32_generic
    mov     eax, edi                    ; crc is 32-bit: upper rdi is garbage
    not     eax                         ; zlib pre- and post-inverts
    mov     r11, rdx                    ; len; rdx is wanted for its dl/dh bytes
    lea     r8, [crc_tables]
    cmp     r11, 8
    jb      .bytes
.eight:
    ; crc = T7[b0] ^ T6[b1] ^ ... ^ T0[b7] of (crc ^ next 8 bytes): the
    ; eight lookups are independent, unlike the byte loop's serial chain.
    mov     rdx, [rsi]
    xor     rdx, rax                    ; rax's upper half is zero
    movzx   ecx, dl
    movzx   edi, dh
    mov     eax, [r8 + 7 * 1024 + rcx * 4]
    xor     eax, [r8 + 6 * 1024 + rdi * 4]
    shr     rdx, 16
    movzx   ecx, dl
    movzx   edi, dh
    xor     eax, [r8 + 5 * 1024 + rcx * 4]
    xor     eax, [r8 + 4 * 1024 + rdi * 4]
    shr     rdx, 16
    movzx   ecx, dl
    movzx   edi, dh
    xor     eax, [r8 + 3 * 1024 + rcx * 4]
    xor     eax, [r8 + 2 * 1024 + rdi * 4]
    shr     edx, 16
    movzx   ecx, dl
    movzx   edi, dh
    xor     eax, [r8 + 1 * 1024 + rcx * 4]
    xor     eax, [r8 + 0 * 1024 + rdi * 4]
    add     rsi, 8
    sub     r11, 8
    cmp     r11, 8
    jae     .eight
.bytes:
    test    r11, r11
    jz      .done
.byte:
    movzx   ecx, byte [rsi]
    xor     ecx, eax
    movzx   ecx, cl
    shr     eax, 8
    xor     eax, [r8 + rcx * 4]
    inc     rsi
    dec     r11
    jnz     .byte
.done:
    not     eax
    ret
ENDFUNC

; fold128 acc, tmp, const, next: acc = acc.lo*const.lo ^ acc.hi*const.hi ^ next
%macro FOLD128 4
    movdqa      %2, %1
    pclmulqdq   %1, %3, 0x11
    pclmulqdq   %2, %3, 0x00
    pxor        %1, %2
    pxor        %1, %4
%endmacro

; uint32_t math_crc32_pclmul(uint32_t crc, const uint8_t *data, size_t len)
; Needs PCLMULQDQ and SSE4.1 (PEXTRD).  Uses only xmm0-xmm12: all volatile.
FUNC_HIDDEN math_crc32_pclmul
    cmp     rdx, 64
    jb      math_crc32_generic          ; folding needs at least 4 x 16 bytes
    mov     eax, edi
    not     eax
    movd    xmm0, eax
    movdqu  xmm1, [rsi]
    movdqu  xmm2, [rsi + 16]
    movdqu  xmm3, [rsi + 32]
    movdqu  xmm4, [rsi + 48]
    pxor    xmm1, xmm0                  ; the CRC so far enters as the first bits
    movdqa  xmm0, [fold_512]
    add     rsi, 64
    sub     rdx, 64
    cmp     rdx, 64
    jb      .reduce4
.loop4:
    ; four independent chains hide PCLMULQDQ's latency
    movdqu      xmm9, [rsi]
    movdqu      xmm10, [rsi + 16]
    movdqu      xmm11, [rsi + 32]
    movdqu      xmm12, [rsi + 48]
    FOLD128     xmm1, xmm5, xmm0, xmm9
    FOLD128     xmm2, xmm6, xmm0, xmm10
    FOLD128     xmm3, xmm7, xmm0, xmm11
    FOLD128     xmm4, xmm8, xmm0, xmm12
    add     rsi, 64
    sub     rdx, 64
    cmp     rdx, 64
    jae     .loop4
.reduce4:
    movdqa  xmm0, [fold_128]
    FOLD128 xmm1, xmm5, xmm0, xmm2
    FOLD128 xmm1, xmm5, xmm0, xmm3
    FOLD128 xmm1, xmm5, xmm0, xmm4
.loop1:
    cmp     rdx, 16
    jb      .final
    movdqu  xmm2, [rsi]
    FOLD128 xmm1, xmm5, xmm0, xmm2
    add     rsi, 16
    sub     rdx, 16
    jmp     .loop1
.final:
    ; 128 -> 64 bits: fold the low qword onto the high one (x^96 = fold_128.hi)
    movdqa      xmm2, xmm1
    pclmulqdq   xmm2, xmm0, 0x10
    psrldq      xmm1, 8
    pxor        xmm1, xmm2
    ; 64 -> 32 bits (x^64)
    movq        xmm0, [fold_64]
    movdqa      xmm3, [mask_lo32]
    movdqa      xmm2, xmm1
    psrldq      xmm2, 4
    pand        xmm1, xmm3
    pclmulqdq   xmm1, xmm0, 0x00
    pxor        xmm1, xmm2
    ; Barrett reduction to the 32-bit remainder
    movdqa      xmm0, [barrett]
    movdqa      xmm2, xmm1
    pand        xmm2, xmm3
    pclmulqdq   xmm2, xmm0, 0x10        ; * mu
    pand        xmm2, xmm3
    pclmulqdq   xmm2, xmm0, 0x00        ; * P'
    pxor        xmm1, xmm2
    pextrd      eax, xmm1, 1
    not     eax
    test    rdx, rdx
    jnz     .tail
    ret
.tail:
    mov     edi, eax                    ; < 16 bytes left: chain into the tables
    jmp     math_crc32_generic
ENDFUNC

; VFOLD512 acc, tmp, const, next: per 128-bit lane, as FOLD128 (next may be memory)
%macro VFOLD512 4
    vpclmulqdq  %2, %1, %3, 0x00
    vpclmulqdq  %1, %1, %3, 0x11
    vpternlogq  %1, %2, %4, 0x96        ; three-way xor
%endmacro

; VFOLD128 acc, tmp, const, next: FOLD128 in VEX form, to avoid SSE/AVX transitions
%macro VFOLD128 4
    vpclmulqdq  %2, %1, %3, 0x00
    vpclmulqdq  %1, %1, %3, 0x11
    vpxor       %1, %1, %2
    vpxor       %1, %1, %4
%endmacro

; uint32_t math_crc32_vpclmul(uint32_t crc, const uint8_t *data, size_t len)
; Needs VPCLMULQDQ, AVX512F and AVX512VL (EVEX vpclmulqdq/vpternlogq on zmm,
; EVEX xmm extracts).  Short inputs do not repay the zmm setup (or the
; AVX-512 clock ramp), so they take the xmm path before any AVX is touched.
; Everything after that is VEX/EVEX, and VZEROUPPER runs before returning.
FUNC_HIDDEN math_crc32_vpclmul
    cmp     rdx, 256
    jb      math_crc32_pclmul
    cmp     rdx, ALIGN_MIN
    jb      .fold
    test    sil, 63
    jz      .fold
    ; A zmm load that splits a cache line costs the loop a quarter of its
    ; speed. Long inputs (a JVM's byte[], malloc's 16-byte blocks) first
    ; send the bytes up to the next 64-byte boundary through the tables,
    ; then fold from there with aligned loads; the CRC chains across.
    mov     r9, rdx
    mov     r10, rsi
    mov     edx, esi
    neg     edx
    and     edx, 63                     ; 1..63 bytes of head
    add     r10, rdx
    sub     r9, rdx
    sub     rsp, 8                      ; entry rsp%16 == 8: aligned at the call
    call    math_crc32_generic          ; leaves r9 and r10 alone
    add     rsp, 8
    mov     edi, eax
    mov     rsi, r10
    mov     rdx, r9
.fold:
    mov     eax, edi
    not     eax
    vmovd       xmm0, eax               ; VEX: zeroes the rest of zmm0
    vmovdqu64   zmm1, [rsi]
    vmovdqu64   zmm2, [rsi + 64]
    vmovdqu64   zmm3, [rsi + 128]
    vmovdqu64   zmm4, [rsi + 192]
    vpxorq      zmm1, zmm1, zmm0
    vbroadcasti32x4 zmm0, [fold_2048]
    add     rsi, 256
    sub     rdx, 256
    cmp     rdx, 256
    jb      .reduce4
.loop4:
    VFOLD512    zmm1, zmm5, zmm0, [rsi]
    VFOLD512    zmm2, zmm6, zmm0, [rsi + 64]
    VFOLD512    zmm3, zmm7, zmm0, [rsi + 128]
    VFOLD512    zmm4, zmm8, zmm0, [rsi + 192]
    add     rsi, 256
    sub     rdx, 256
    cmp     rdx, 256
    jae     .loop4
.reduce4:
    vbroadcasti32x4 zmm0, [fold_512]
    VFOLD512    zmm1, zmm5, zmm0, zmm2
    VFOLD512    zmm1, zmm5, zmm0, zmm3
    VFOLD512    zmm1, zmm5, zmm0, zmm4
.loop64:
    cmp     rdx, 64
    jb      .reduce512
    VFOLD512    zmm1, zmm5, zmm0, [rsi]
    add     rsi, 64
    sub     rdx, 64
    jmp     .loop64
.reduce512:
    ; the four lanes are consecutive 16-byte blocks: fold them down by 128
    vextracti32x4   xmm2, zmm1, 1
    vextracti32x4   xmm3, zmm1, 2
    vextracti32x4   xmm4, zmm1, 3
    vmovdqa     xmm0, [fold_128]        ; VEX write of xmm1 below also drops zmm1's upper lanes
    VFOLD128    xmm1, xmm5, xmm0, xmm2
    VFOLD128    xmm1, xmm5, xmm0, xmm3
    VFOLD128    xmm1, xmm5, xmm0, xmm4
.loop16:
    cmp     rdx, 16
    jb      .final
    VFOLD128    xmm1, xmm5, xmm0, [rsi]
    add     rsi, 16
    sub     rdx, 16
    jmp     .loop16
.final:
    vpclmulqdq  xmm2, xmm1, xmm0, 0x10
    vpsrldq     xmm1, xmm1, 8
    vpxor       xmm1, xmm1, xmm2
    vmovq       xmm0, [fold_64]
    vmovdqa     xmm3, [mask_lo32]
    vpsrldq     xmm2, xmm1, 4
    vpand       xmm1, xmm1, xmm3
    vpclmulqdq  xmm1, xmm1, xmm0, 0x00
    vpxor       xmm1, xmm1, xmm2
    vmovdqa     xmm0, [barrett]
    vpand       xmm2, xmm1, xmm3
    vpclmulqdq  xmm2, xmm2, xmm0, 0x10
    vpand       xmm2, xmm2, xmm3
    vpclmulqdq  xmm2, xmm2, xmm0, 0x00
    vpxor       xmm1, xmm1, xmm2
    vpextrd     eax, xmm1, 1
    vzeroupper                          ; before any SSE code or return
    not     eax
    test    rdx, rdx
    jnz     .tail
    ret
.tail:
    mov     edi, eax
    jmp     math_crc32_generic
ENDFUNC

section .note.GNU-stack noalloc noexec nowrite progbits
