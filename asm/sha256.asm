; sha256.asm - SHA-256 (FIPS 180-4), whole-message interface.
;
; math_sha256_generic and math_sha256_shani share one driver (sha256_hash)
; that runs the variant's block function over the whole 64-byte blocks of the
; input in place, then builds the padded final block(s) on its own stack:
; the tail, 0x80, zeros, and the bit length as a big-endian 64-bit integer.
; Block functions have the Linux/OpenSSL shape
;     void blocks(uint32_t state[8], const uint8_t *data, size_t nblocks)
; with state as H0..H7 in native order.

%include "libmath.inc"

section .rodata

align 64
sha256_k:
    dd 0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5
    dd 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174
    dd 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da
    dd 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967
    dd 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85
    dd 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070
    dd 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3
    dd 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2

sha256_h0:
    dd 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19

; PSHUFB mask: big-endian message words to native dwords
bswap32_mask:
    db 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12

section .text

; void math_sha256(const uint8_t *data, size_t len, uint8_t out[32])
FUNC math_sha256
    LOAD_CPU_FEATURES                   ; preserves rdi, rsi, rdx
    bt      rax, CPUF_PATH_SHA_NI
    jc      math_sha256_shani
    jmp     math_sha256_generic
ENDFUNC

FUNC_HIDDEN math_sha256_generic
    lea     rcx, [sha256_blocks_generic]
    jmp     sha256_hash
ENDFUNC

; Needs SHA, SSSE3 (PSHUFB, PALIGNR) and SSE4.1 (PBLENDW).
FUNC_HIDDEN math_sha256_shani
    lea     rcx, [sha256_blocks_shani]
    jmp     sha256_hash
ENDFUNC

; sha256_hash(data=rdi, len=rsi, out=rdx, blocks=rcx): entered by jmp, so rsp%16 == 8.
; Frame: [rsp] state (32 bytes), [rsp + 32] final blocks (128 bytes).
%define H_STATE     0
%define H_PAD       32
%define H_FRAME     168                 ; 160 + 8: 6 pushes + 168 leaves rsp%16 == 0

    align 16
sha256_hash:
    push    rbx
    push    rbp
    push    r12
    push    r13
    push    r14
    push    r15
    sub     rsp, H_FRAME
    mov     r12, rdi                    ; data
    mov     r13, rsi                    ; len
    mov     r14, rdx                    ; out
    mov     r15, rcx                    ; block function
    movdqa  xmm0, [sha256_h0]
    movdqa  xmm1, [sha256_h0 + 16]
    movdqa  [rsp + H_STATE], xmm0
    movdqa  [rsp + H_STATE + 16], xmm1

    mov     rdx, r13
    shr     rdx, 6
    jz      .final
    lea     rdi, [rsp + H_STATE]
    mov     rsi, r12
    call    r15

.final:
    mov     ecx, r13d
    and     ecx, 63                     ; tail length
    lea     ebp, [rcx + 9 + 63]
    shr     ebp, 6                      ; 1 block, or 2 if 0x80 + length do not fit
    mov     rsi, r13
    and     rsi, -64
    add     rsi, r12
    lea     rdi, [rsp + H_PAD]
    rep movsb                           ; DF is clear on entry (ABI)
    mov     byte [rdi], 0x80
    inc     rdi
    mov     ecx, ebp
    shl     ecx, 6
    lea     rcx, [rsp + H_PAD + rcx - 8]
    sub     rcx, rdi                    ; zeros up to the length field
    xor     eax, eax
    rep stosb
    mov     rax, r13
    shl     rax, 3                      ; bit length mod 2^64, as FIPS 180-4 wants
    bswap   rax
    mov     [rdi], rax
    lea     rdi, [rsp + H_STATE]
    lea     rsi, [rsp + H_PAD]
    mov     edx, ebp
    call    r15

%assign i 0
%rep 8
    mov     eax, [rsp + H_STATE + 4 * i]
    bswap   eax
    mov     [r14 + 4 * i], eax
%assign i i + 1
%endrep
    ; the stack copy of the message tail is not wiped: this is not a keyed MAC
    add     rsp, H_FRAME
    pop     r15
    pop     r14
    pop     r13
    pop     r12
    pop     rbp
    pop     rbx
    ret

; ---------------------------------------------------------------------------
; Portable block function: eight working variables in r8d-r15d, renamed (not
; moved) every round; W[0..15] as a ring on the stack.
; ---------------------------------------------------------------------------
%define G_STATE     64                  ; saved state pointer
%define G_END       72                  ; end of data
%define G_FRAME     88                  ; 64 (W) + 16 + 8: 6 pushes + 88 keep rsp%16 == 0

%xdefine rA r8d
%xdefine rB r9d
%xdefine rC r10d
%xdefine rD r11d
%xdefine rE r12d
%xdefine rF r13d
%xdefine rG r14d
%xdefine rH r15d

%macro ROTATE_NAMES 0
    %xdefine %%t rH
    %xdefine rH rG
    %xdefine rG rF
    %xdefine rF rE
    %xdefine rE rD
    %xdefine rD rC
    %xdefine rC rB
    %xdefine rB rA
    %xdefine rA %%t
%endmacro

%define W(t) [rsp + 4 * ((t) & 15)]

; SCHEDULE t: W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], in place of W[t-16]
%macro SCHEDULE 1
    mov     eax, W(%1 - 15)
    mov     ecx, eax
    ror     ecx, 11
    xor     ecx, eax
    ror     ecx, 7                      ; ror 7 ^ ror 18
    shr     eax, 3
    xor     eax, ecx                    ; s0
    mov     edx, W(%1 - 2)
    mov     ecx, edx
    ror     ecx, 2
    xor     ecx, edx
    ror     ecx, 17                     ; ror 17 ^ ror 19
    shr     edx, 10
    xor     edx, ecx                    ; s1
    add     eax, edx
    add     eax, W(%1 - 7)
    add     W(%1), eax
%endmacro

; ROUND t: T1 = h + S1(e) + Ch(e,f,g) + K[t] + W[t]; d += T1; h = T1 + S0(a) + Maj(a,b,c)
%macro ROUND 1
    mov     eax, rE
    ror     eax, 14
    xor     eax, rE
    ror     eax, 5
    xor     eax, rE
    ror     eax, 6                      ; S1(e) = ror 6 ^ ror 11 ^ ror 25
    mov     ecx, rF
    xor     ecx, rG
    and     ecx, rE
    xor     ecx, rG                     ; Ch(e,f,g) = ((f ^ g) & e) ^ g
    add     rH, eax
    add     rH, ecx
    add     rH, W(%1)
    add     rH, [rbp + 4 * (%1)]        ; K[t]
    add     rD, rH
    mov     eax, rA
    ror     eax, 9
    xor     eax, rA
    ror     eax, 11
    xor     eax, rA
    ror     eax, 2                      ; S0(a) = ror 2 ^ ror 13 ^ ror 22
    mov     ecx, rA
    or      ecx, rC
    and     ecx, rB
    mov     edx, rA
    and     edx, rC
    or      ecx, edx                    ; Maj(a,b,c) = ((a | c) & b) | (a & c)
    add     rH, eax
    add     rH, ecx
    ROTATE_NAMES
%endmacro

    align 16
sha256_blocks_generic:
    push    rbx
    push    rbp
    push    r12
    push    r13
    push    r14
    push    r15
    sub     rsp, G_FRAME
    shl     rdx, 6
    add     rdx, rsi
    mov     [rsp + G_STATE], rdi
    mov     [rsp + G_END], rdx
    lea     rbp, [sha256_k]
    mov     rA, [rdi]
    mov     rB, [rdi + 4]
    mov     rC, [rdi + 8]
    mov     rD, [rdi + 12]
    mov     rE, [rdi + 16]
    mov     rF, [rdi + 20]
    mov     rG, [rdi + 24]
    mov     rH, [rdi + 28]
.block:
%assign t 0
%rep 16
    mov     eax, [rsi + 4 * t]
    bswap   eax
    mov     W(t), eax
%assign t t + 1
%endrep
%assign t 0
%rep 64
  %if t >= 16
    SCHEDULE t
  %endif
    ROUND t
%assign t t + 1
%endrep
    ; 64 renames are a multiple of 8: rA..rH name the same registers again
    mov     rdi, [rsp + G_STATE]
    add     rA, [rdi]
    add     rB, [rdi + 4]
    add     rC, [rdi + 8]
    add     rD, [rdi + 12]
    add     rE, [rdi + 16]
    add     rF, [rdi + 20]
    add     rG, [rdi + 24]
    add     rH, [rdi + 28]
    mov     [rdi], rA
    mov     [rdi + 4], rB
    mov     [rdi + 8], rC
    mov     [rdi + 12], rD
    mov     [rdi + 16], rE
    mov     [rdi + 20], rF
    mov     [rdi + 24], rG
    mov     [rdi + 28], rH
    add     rsi, 64
    cmp     rsi, [rsp + G_END]
    jne     .block
    add     rsp, G_FRAME
    pop     r15
    pop     r14
    pop     r13
    pop     r12
    pop     rbp
    pop     rbx
    ret

; ---------------------------------------------------------------------------
; SHA-NI block function (the structure of Intel's reference code).
; SHA256RNDS2 does two rounds with the message+K pair in xmm0's low qword and
; wants the state as ABEF / CDGH rather than ABCD / EFGH.
; ---------------------------------------------------------------------------
%define MSG     xmm0                    ; implicit operand of sha256rnds2
%define STATE0  xmm1                    ; ABEF
%define STATE1  xmm2                    ; CDGH
%define TMP     xmm7
%define SHUF    xmm8
%define ABEF_SAVE xmm9
%define CDGH_SAVE xmm10
; message words W[4g..4g+3] rotate through xmm3-xmm6
%define M(g) xmm %+ %eval(3 + ((g) & 3))

; SHANI_GROUP g: rounds 4g..4g+3, and the schedule work that overlaps them
%macro SHANI_GROUP 1
  %if %1 < 4
    movdqu      M(%1), [rsi + 16 * %1]
    pshufb      M(%1), SHUF
  %endif
    movdqa      MSG, M(%1)
    paddd       MSG, [rax + 16 * %1]
    sha256rnds2 STATE1, STATE0          ; rounds 4g, 4g+1
  %if %1 >= 3 && %1 <= 14
    ; W for group g+1: msg2(msg1-partial + W[t-7] words, last group)
    movdqa      TMP, M(%1)
    palignr     TMP, M(%1 - 1), 4
    paddd       M(%1 + 1), TMP
    sha256msg2  M(%1 + 1), M(%1)
  %endif
    pshufd      MSG, MSG, 0x0E          ; the other two message+K words
    sha256rnds2 STATE0, STATE1          ; rounds 4g+2, 4g+3
  %if %1 >= 1 && %1 <= 12
    sha256msg1  M(%1 - 1), M(%1)        ; start W for group g+3
  %endif
%endmacro

    align 16
sha256_blocks_shani:
    test    rdx, rdx
    jz      .done
    shl     rdx, 6
    add     rdx, rsi                    ; end of data
    lea     rax, [sha256_k]
    movdqu  STATE0, [rdi]               ; DCBA (dword 0 = A)
    movdqu  STATE1, [rdi + 16]          ; HGFE
    pshufd  STATE0, STATE0, 0xB1        ; CDAB
    pshufd  STATE1, STATE1, 0x1B        ; EFGH
    movdqa  TMP, STATE0
    palignr STATE0, STATE1, 8           ; ABEF
    pblendw STATE1, TMP, 0xF0           ; CDGH
    movdqa  SHUF, [bswap32_mask]
.block:
    movdqa  ABEF_SAVE, STATE0
    movdqa  CDGH_SAVE, STATE1
%assign g 0
%rep 16
    SHANI_GROUP g
%assign g g + 1
%endrep
    paddd   STATE0, ABEF_SAVE
    paddd   STATE1, CDGH_SAVE
    add     rsi, 64
    cmp     rsi, rdx
    jne     .block
    pshufd  STATE0, STATE0, 0x1B        ; FEBA
    pshufd  STATE1, STATE1, 0xB1        ; DCHG
    movdqa  TMP, STATE0
    pblendw STATE0, STATE1, 0xF0        ; DCBA
    palignr STATE1, TMP, 8              ; HGFE
    movdqu  [rdi], STATE0
    movdqu  [rdi + 16], STATE1
.done:
    ret

section .note.GNU-stack noalloc noexec nowrite progbits
