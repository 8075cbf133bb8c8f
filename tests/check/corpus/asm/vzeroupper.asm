; vzeroupper: AVX code must leave the upper halves of the ymm/zmm registers clean.
; Built with -DLANES=8 (a per-source flag in the manifest).
%include "fx.inc"
%if LANES != 8
%error "build with -DLANES=8"
%endif
section .text

; uint32_t fx_vz_bad_sum_u32(const uint32_t *v, size_t n) - wrapping sum, 8 lanes of AVX2.
; BUG: returns with the upper halves of ymm0/ymm1 dirty.
FUNC fx_vz_bad_sum_u32
    vpxor   xmm0, xmm0, xmm0
    mov     rcx, rsi
    shr     rcx, 3
    jz      .reduce
.loop:
    vpaddd  ymm0, ymm0, [rdi]
    add     rdi, 4 * LANES
    dec     rcx
    jnz     .loop
.reduce:
    vextracti128 xmm1, ymm0, 1
    vpaddd  xmm0, xmm0, xmm1
    vpshufd xmm1, xmm0, 0x4E
    vpaddd  xmm0, xmm0, xmm1
    vpshufd xmm1, xmm0, 0xB1
    vpaddd  xmm0, xmm0, xmm1
    vmovd   eax, xmm0
    and     esi, LANES - 1
    jz      .done
.tail:
    add     eax, [rdi]
    add     rdi, 4
    dec     esi
    jnz     .tail
.done:
    ret
ENDFUNC

; The twin ends with vzeroupper.
FUNC fx_vz_good_sum_u32
    vpxor   xmm0, xmm0, xmm0
    mov     rcx, rsi
    shr     rcx, 3
    jz      .reduce
.loop:
    vpaddd  ymm0, ymm0, [rdi]
    add     rdi, 4 * LANES
    dec     rcx
    jnz     .loop
.reduce:
    vextracti128 xmm1, ymm0, 1
    vpaddd  xmm0, xmm0, xmm1
    vpshufd xmm1, xmm0, 0x4E
    vpaddd  xmm0, xmm0, xmm1
    vpshufd xmm1, xmm0, 0xB1
    vpaddd  xmm0, xmm0, xmm1
    vmovd   eax, xmm0
    vzeroupper
    and     esi, LANES - 1
    jz      .done
.tail:
    add     eax, [rdi]
    add     rdi, 4
    dec     esi
    jnz     .tail
.done:
    ret
ENDFUNC

GNU_STACK
