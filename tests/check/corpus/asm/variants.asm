; Several CPU paths: the dispatcher picks AVX2 on a machine that has it, so only
; checking each variant through its own symbol finds the bug in the generic path.
%include "fx.inc"
section .text

; uint32_t fx_vp_sum_u32(const uint32_t *v, size_t n) - wrapping sum.
FUNC fx_vp_sum_u32
    push    rbx
    mov     r8, rdi
    mov     eax, 7
    xor     ecx, ecx
    cpuid
    mov     rdi, r8
    bt      ebx, 5                      ; AVX2 (this fixture assumes the OS enabled the ymm state)
    pop     rbx
    jc      fx_vp_sum_u32_avx2
    jmp     fx_vp_sum_u32_generic
ENDFUNC

; BUG (the generic path only): rbx holds the sum and is never restored.
FUNC_HIDDEN fx_vp_sum_u32_generic
    xor     ebx, ebx
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .done
    add     ebx, [rdi + rcx * 4]
    inc     rcx
    jmp     .loop
.done:
    mov     eax, ebx
    ret
ENDFUNC

FUNC_HIDDEN fx_vp_sum_u32_avx2
    vpxor   xmm0, xmm0, xmm0
    mov     rcx, rsi
    shr     rcx, 3
    jz      .reduce
.loop:
    vpaddd  ymm0, ymm0, [rdi]
    add     rdi, 32
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
    and     esi, 7
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
