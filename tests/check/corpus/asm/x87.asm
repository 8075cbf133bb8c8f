; x87_control_word, x87_stack and mmx_emms: the x87 unit must be left as found.
%include "fx.inc"
section .text

; int64_t fx_fcw_bad_trunc_sum(const double *v, size_t n) - the sum of (int64_t)v[i], C's
; truncating conversion done with FISTP.  BUG: the caller's control word is not restored.
FUNC fx_fcw_bad_trunc_sum
    fnstcw  [rsp - 2]
    movzx   eax, word [rsp - 2]
    or      eax, 0x0C00                 ; RC = 11: truncate
    mov     [rsp - 4], ax
    fldcw   [rsp - 4]
    xor     eax, eax
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .done
    fld     qword [rdi + rcx * 8]
    fistp   qword [rsp - 16]
    add     rax, [rsp - 16]
    inc     rcx
    jmp     .loop
.done:
    ret
ENDFUNC

FUNC fx_fcw_good_trunc_sum
    fnstcw  [rsp - 2]
    movzx   eax, word [rsp - 2]
    or      eax, 0x0C00
    mov     [rsp - 4], ax
    fldcw   [rsp - 4]
    xor     eax, eax
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .done
    fld     qword [rdi + rcx * 8]
    fistp   qword [rsp - 16]
    add     rax, [rsp - 16]
    inc     rcx
    jmp     .loop
.done:
    fldcw   [rsp - 2]
    ret
ENDFUNC

; double fx_x87s_bad_hypot(double a, double b) - sqrt(a*a + b*b) in extended precision.
; BUG: FST (not FSTP) leaves the result on the x87 stack.
FUNC fx_x87s_bad_hypot
    movsd   [rsp - 8], xmm0
    movsd   [rsp - 16], xmm1
    fld     qword [rsp - 8]
    fmul    st0, st0
    fld     qword [rsp - 16]
    fmul    st0, st0
    faddp   st1, st0
    fsqrt
    fst     qword [rsp - 8]
    movsd   xmm0, [rsp - 8]
    ret
ENDFUNC

FUNC fx_x87s_good_hypot
    movsd   [rsp - 8], xmm0
    movsd   [rsp - 16], xmm1
    fld     qword [rsp - 8]
    fmul    st0, st0
    fld     qword [rsp - 16]
    fmul    st0, st0
    faddp   st1, st0
    fsqrt
    fstp    qword [rsp - 8]
    movsd   xmm0, [rsp - 8]
    ret
ENDFUNC

; uint64_t fx_mmx_bad_sum_bytes(const uint8_t *p, size_t n) - PSADBW on MMX registers.
; BUG: no EMMS, so the x87 unit is left in MMX state.
FUNC fx_mmx_bad_sum_bytes
    pxor    mm1, mm1
    xor     eax, eax
    mov     rcx, rsi
    shr     rcx, 3
    jz      .tail
.blocks:
    movq    mm0, [rdi]
    psadbw  mm0, mm1
    movq    rdx, mm0
    add     rax, rdx
    add     rdi, 8
    dec     rcx
    jnz     .blocks
.tail:
    and     esi, 7
    jz      .done
.byte:
    movzx   edx, byte [rdi]
    add     rax, rdx
    inc     rdi
    dec     esi
    jnz     .byte
.done:
    ret
ENDFUNC

FUNC fx_mmx_good_sum_bytes
    pxor    mm1, mm1
    xor     eax, eax
    mov     rcx, rsi
    shr     rcx, 3
    jz      .tail
.blocks:
    movq    mm0, [rdi]
    psadbw  mm0, mm1
    movq    rdx, mm0
    add     rax, rdx
    add     rdi, 8
    dec     rcx
    jnz     .blocks
.tail:
    emms
    and     esi, 7
    jz      .done
.byte:
    movzx   edx, byte [rdi]
    add     rax, rdx
    inc     rdi
    dec     esi
    jnz     .byte
.done:
    ret
ENDFUNC

GNU_STACK
