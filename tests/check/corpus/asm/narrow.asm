; upper_bits_arg and narrow_return: values narrower than 64 bits.
%include "fx.inc"
section .text

; int64_t fx_ub_bad_select(bool c, int64_t a, int64_t b) - c ? a : b.
; BUG: tests all of rdi, but a bool argument defines only dil.
FUNC fx_ub_bad_select
    mov     rax, rdx
    test    rdi, rdi
    cmovnz  rax, rsi
    ret
ENDFUNC

FUNC fx_ub_good_select
    mov     rax, rdx
    test    dil, dil
    cmovnz  rax, rsi
    ret
ENDFUNC

; int64_t fx_ub_bad_scale(int64_t x, int32_t k) - x * k.
; BUG: multiplies by all of rsi, but an int32_t argument defines only esi.
FUNC fx_ub_bad_scale
    mov     rax, rdi
    imul    rax, rsi
    ret
ENDFUNC

FUNC fx_ub_good_scale
    movsxd  rsi, esi
    mov     rax, rdi
    imul    rax, rsi
    ret
ENDFUNC

; uint64_t fx_ub_bad_count_if(void *user, const int64_t *v, size_t n, fx_pred_fn fn)
; fx_pred_fn is bool (*)(void *user, int64_t value): the user pointer comes first here.
; BUG: tests all of rax after the call, but a bool result defines only al.
FUNC fx_ub_bad_count_if
    push    rbx
    push    rbp
    push    r12
    push    r13
    push    r14
    mov     r14, rdi
    mov     rbx, rsi
    lea     r12, [rsi + rdx * 8]
    mov     r13, rcx
    xor     ebp, ebp
    cmp     rbx, r12
    je      .done
.loop:
    mov     rdi, r14
    mov     rsi, [rbx]
    call    r13
    test    rax, rax
    jz      .next
    inc     rbp
.next:
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

FUNC fx_ub_good_count_if
    push    rbx
    push    rbp
    push    r12
    push    r13
    push    r14
    mov     r14, rdi
    mov     rbx, rsi
    lea     r12, [rsi + rdx * 8]
    mov     r13, rcx
    xor     ebp, ebp
    cmp     rbx, r12
    je      .done
.loop:
    mov     rdi, r14
    mov     rsi, [rbx]
    call    r13
    test    al, al
    jz      .next
    inc     rbp
.next:
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

; int32_t fx_nr_bad_is_sorted(const int64_t *v, size_t n) - 1 if v is ascending, else 0.
; BUG: writes only al, so bits 8-31 of the int keep whatever rax held on entry.
FUNC fx_nr_bad_is_sorted
    mov     al, 1
    cmp     rsi, 2
    jb      .done
    lea     rcx, [rdi + rsi * 8 - 8]
.loop:
    mov     rdx, [rdi]
    cmp     rdx, [rdi + 8]
    jg      .no
    add     rdi, 8
    cmp     rdi, rcx
    jb      .loop
    jmp     .done
.no:
    mov     al, 0
.done:
    ret
ENDFUNC

FUNC fx_nr_good_is_sorted
    mov     eax, 1
    cmp     rsi, 2
    jb      .done
    lea     rcx, [rdi + rsi * 8 - 8]
.loop:
    mov     rdx, [rdi]
    cmp     rdx, [rdi + 8]
    jg      .no
    add     rdi, 8
    cmp     rdi, rcx
    jb      .loop
    jmp     .done
.no:
    xor     eax, eax
.done:
    ret
ENDFUNC

; bool fx_nr_good_bool_sorted(const int64_t *v, size_t n) - the same as a bool: writing al is enough.
FUNC fx_nr_good_bool_sorted
    mov     al, 1
    cmp     rsi, 2
    jb      .done
    lea     rcx, [rdi + rsi * 8 - 8]
.loop:
    mov     rdx, [rdi]
    cmp     rdx, [rdi + 8]
    jg      .no
    add     rdi, 8
    cmp     rdi, rcx
    jb      .loop
    jmp     .done
.no:
    mov     al, 0
.done:
    ret
ENDFUNC

; bool fx_nr_bad_any_set(uint64_t x, uint64_t mask) - whether x has a bit of mask.
; BUG: returns the masked bits themselves: a bool must be exactly 0 or 1.
FUNC fx_nr_bad_any_set
    mov     rax, rdi
    and     rax, rsi
    ret
ENDFUNC

FUNC fx_nr_good_any_set
    test    rdi, rsi
    setnz   al
    ret
ENDFUNC

; float fx_f32_good_mean(const float *v, uint32_t n) - 0 for no values; the length is 32 bits.
FUNC fx_f32_good_mean
    xorps   xmm0, xmm0
    mov     ecx, esi
    test    ecx, ecx
    jz      .done
    xor     eax, eax
.loop:
    addss   xmm0, [rdi + rax * 4]
    inc     eax
    cmp     eax, ecx
    jb      .loop
    cvtsi2ss xmm1, rcx
    divss   xmm0, xmm1
.done:
    ret
ENDFUNC

GNU_STACK
