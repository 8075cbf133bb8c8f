; Trivial implementations of every function in asmpkg.toml, for the Rust backend's tests.
default rel
bits 64
extern calloc
extern free
extern malloc

%macro FUNC 1
global %1:function (%1.end - %1)
%1:
%endmacro
%macro END 0
.end:
%endmacro

section .rodata
s_name: db "kinds", 0
s_bad: db 'bad "input"', 0
s_unknown: db "unknown thing", 0
s_type: db "a type error", 0
s_other: db "unknown error", 0
align 4
one_f: dd 1.0
quarter_f: dd 0.25
half_f: dd 0.5
signmask: dd 0x80000000, 0, 0, 0

section .data
align 4
static_u32: dd 42

section .text
FUNC k_add8
    lea eax, [rdi + rsi]
    ret
END
FUNC k_neg
    movss xmm1, [signmask]
    xorps xmm0, xmm1
    ret
END
FUNC k_invert
    mov eax, edi
    xor eax, 1
    ret
END
FUNC k_type
    mov rax, rdi
    ret
END
; int k_checked(int32_t a, int32_t *out)
FUNC k_checked
    cmp edi, -1
    je .bad
    cmp edi, -2
    je .type
    lea eax, [rdi + rdi]
    mov [rsi], eax
    xor eax, eax
    ret
.bad:
    mov eax, 7
    ret
.type:
    mov eax, -2
    ret
END
; void k_fill(uint8_t *s, uint32_t len, uint8_t value)
FUNC k_fill
    mov ecx, esi
    mov eax, edx
    rep stosb
    ret
END
; uint32_t k_sum_u8(const uint8_t *data, uint16_t len)
FUNC k_sum_u8
    xor eax, eax
    movzx ecx, si
.loop:
    test ecx, ecx
    jz .done
    movzx edx, byte [rdi]
    add eax, edx
    inc rdi
    dec ecx
    jmp .loop
.done:
    ret
END
; double k_sum_f64(const double *values, uint64_t count)
FUNC k_sum_f64
    xorpd xmm0, xmm0
.loop:
    test rsi, rsi
    jz .done
    addsd xmm0, [rdi]
    add rdi, 8
    dec rsi
    jmp .loop
.done:
    ret
END
; size_t k_bools(const bool *values, size_t count)
FUNC k_bools
    xor eax, eax
.loop:
    test rsi, rsi
    jz .done
    movzx edx, byte [rdi]
    add rax, rdx
    inc rdi
    dec rsi
    jmp .loop
.done:
    ret
END
; void k_triple(int32_t x, int32_t out[3])
FUNC k_triple
    mov [rsi], edi
    lea eax, [rdi + rdi]
    mov [rsi + 4], eax
    add eax, edi
    mov [rsi + 8], eax
    ret
END
; void k_halves(float x, float out[2])
FUNC k_halves
    mulss xmm0, [half_f]
    movss [rdi], xmm0
    mulss xmm0, [half_f]
    movss [rdi + 4], xmm0
    ret
END
; rect k_make_rect(int32_t x, int32_t y): x, y in rax; w, flag, ratio in rdx
FUNC k_make_rect
    mov eax, edi
    shl rsi, 32
    or rax, rsi
    mov edx, [one_f]
    shl rdx, 32
    ret
END
; double k_rect_area(rect r): rdi = x | y << 32
FUNC k_rect_area
    mov rax, rdi
    sar rax, 32
    movsxd rdi, edi
    imul rax, rdi
    cvtsi2sd xmm0, rax
    ret
END
; int k_rect_out(rect *out)
FUNC k_rect_out
    mov dword [rdi], 1
    mov dword [rdi + 4], 2
    mov word [rdi + 8], 3
    mov byte [rdi + 10], 1
    mov byte [rdi + 11], 0
    mov eax, [quarter_f]
    mov [rdi + 12], eax
    xor eax, eax
    ret
END
; int32_t k_two_outs(int32_t a, int64_t *o, pair *p)
FUNC k_two_outs
    movsxd rax, edi
    lea rcx, [rax + rax]
    mov [rsi], rcx
    mov [rdx], rax
    mov byte [rdx + 8], 7
    lea eax, [rdi + 1]
    ret
END
; int k_blob_new(uint32_t size, uint8_t fill, blob **out): [len][data...]
FUNC k_blob_new
    test edi, edi
    jz .bad
    push rbx
    push r12
    push r13
    mov ebx, edi
    movzx r12d, sil
    mov r13, rdx
    lea rdi, [rbx + 8]
    call malloc wrt ..plt
    test rax, rax
    jz .oom
    mov [rax], rbx
    lea rdi, [rax + 8]
    mov ecx, ebx
    mov rdx, rax
    mov eax, r12d
    rep stosb
    mov [r13], rdx
    xor eax, eax
    pop r13
    pop r12
    pop rbx
    ret
.oom:
    mov eax, 7
    pop r13
    pop r12
    pop rbx
    ret
.bad:
    mov eax, 7
    ret
END
FUNC k_blob_free
    jmp free wrt ..plt
END
FUNC k_blob_data
    lea rax, [rdi + 8]
    ret
END
FUNC k_blob_len
    mov rax, [rdi]
    ret
END
; uint64_t k_blob_sum(const blob *b)
FUNC k_blob_sum
    mov rcx, [rdi]
    lea rsi, [rdi + 8]
    xor eax, eax
.loop:
    test rcx, rcx
    jz .done
    movzx edx, byte [rsi]
    add rax, rdx
    inc rsi
    dec rcx
    jmp .loop
.done:
    ret
END
; int k_blob_clone(const blob *b, blob **out)
FUNC k_blob_clone
    push rbx
    push r12
    push r13
    mov rbx, rdi
    mov r12, rsi
    mov r13, [rdi]
    lea rdi, [r13 + 8]
    call malloc wrt ..plt
    test rax, rax
    jz .oom
    mov rdi, rax
    mov rsi, rbx
    lea rcx, [r13 + 8]
    mov rdx, rax
    rep movsb
    mov [r12], rdx
    xor eax, eax
    jmp .out
.oom:
    mov eax, 7
.out:
    pop r13
    pop r12
    pop rbx
    ret
END
; int k_counter_new(counter **out)
FUNC k_counter_new
    push rbx
    mov rbx, rdi
    mov edi, 1
    mov esi, 8
    call calloc wrt ..plt
    test rax, rax
    jz .oom
    mov [rbx], rax
    xor eax, eax
    pop rbx
    ret
.oom:
    mov eax, 7
    pop rbx
    ret
END
FUNC k_counter_free
    jmp free wrt ..plt
END
FUNC k_counter_add
    add [rdi], rsi
    ret
END
FUNC k_counter_get
    mov rax, [rdi]
    ret
END
FUNC k_name
    lea rax, [s_name]
    ret
END
FUNC k_maybe_name
    xor eax, eax
    test edi, edi
    jz .done
    lea rax, [s_name]
.done:
    ret
END
FUNC k_raw_ptr
    lea rax, [static_u32]
    ret
END
; void k_each(const double *values, size_t count, visit fn, void *user): fn(index, value, user)
FUNC k_each
    push rbx
    push rbp
    push r12
    push r13
    push r14
    mov rbx, rdi
    mov rbp, rsi
    mov r12, rdx
    mov r13, rcx
    xor r14d, r14d
.loop:
    cmp r14, rbp
    je .done
    mov rdi, r14
    movsd xmm0, [rbx + r14 * 8]
    mov rsi, r13
    call r12
    inc r14
    jmp .loop
.done:
    pop r14
    pop r13
    pop r12
    pop rbp
    pop rbx
    ret
END
; int64_t k_count_if(const int32_t *xs, size_t n, pred p, void *u): p(u, x)
FUNC k_count_if
    push rbx
    push rbp
    push r12
    push r13
    push r14
    mov rbx, rdi
    mov rbp, rsi
    mov r12, rdx
    mov r13, rcx
    xor r14d, r14d
.loop:
    test rbp, rbp
    jz .done
    mov rdi, r13
    mov esi, [rbx]
    call r12
    movzx eax, al
    add r14, rax
    add rbx, 4
    dec rbp
    jmp .loop
.done:
    mov rax, r14
    pop r14
    pop r13
    pop r12
    pop rbp
    pop rbx
    ret
END
; int32_t k_two_callbacks(visit a, void *ua, pred b, void *ub): a(1, 2.0, ua); return b(ub, 5)
FUNC k_two_callbacks
    push rbx
    push rbp
    push r12
    mov rbx, rdx
    mov rbp, rcx
    mov rax, rdi
    mov edi, 1
    mov r8, 0x4000000000000000
    movq xmm0, r8
    call rax
    mov rdi, rbp
    mov esi, 5
    call rbx
    movzx eax, al
    pop r12
    pop rbp
    pop rbx
    ret
END
FUNC k_status_only
    xor eax, eax
    test edi, edi
    jnz .ok
    mov eax, 7
.ok:
    ret
END
; int64_t k_a_really...(i64, i64, f64, u8, i16, i32, u32, i64): rdi rsi xmm0 rdx rcx r8 r9 [rsp+8]
FUNC k_a_really_quite_long_function_name_for_wrapping_lines
    mov rax, rdi
    add rax, rsi
    cvttsd2si r10, xmm0
    add rax, r10
    movzx edx, dl
    add rax, rdx
    movsx rcx, cx
    add rax, rcx
    movsxd r8, r8d
    add rax, r8
    mov r9d, r9d
    add rax, r9
    add rax, [rsp + 8]
    ret
END
; const char *k_message(int32_t code)
FUNC k_message
    lea rax, [s_bad]
    cmp edi, 7
    je .done
    lea rax, [s_unknown]
    cmp edi, 9
    je .done
    lea rax, [s_type]
    cmp edi, -2
    je .done
    lea rax, [s_other]
.done:
    ret
END
section .note.GNU-stack noalloc noexec nowrite progbits
