; rsp: rsp after the return must be what it was before the call.
%include "fx.inc"
section .text

; size_t fx_rsp_bad_count_zeros(const uint8_t *p, size_t n)
; BUG: `ret 8`, left over from a callee-pops (stdcall) port: the caller's rsp moves up 8 bytes.
FUNC fx_rsp_bad_count_zeros
    xor     eax, eax
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .done
    cmp     byte [rdi + rcx], 0
    jne     .next
    inc     rax
.next:
    inc     rcx
    jmp     .loop
.done:
    ret     8
ENDFUNC

FUNC fx_rsp_good_count_zeros
    xor     eax, eax
    xor     ecx, ecx
.loop:
    cmp     rcx, rsi
    jae     .done
    cmp     byte [rdi + rcx], 0
    jne     .next
    inc     rax
.next:
    inc     rcx
    jmp     .loop
.done:
    ret
ENDFUNC

; uint64_t fx_rsp_bad_max_byte(const uint8_t *p, size_t n) - 0 for no bytes.
; BUG: the early exit for n == 0 returns with rbx still pushed, so `ret` pops it.
FUNC fx_rsp_bad_max_byte
    push    rbx
    xor     eax, eax
    test    rsi, rsi
    jz      .empty
    xor     ebx, ebx
.loop:
    movzx   ecx, byte [rdi + rbx]
    cmp     rax, rcx
    cmovb   rax, rcx
    inc     rbx
    cmp     rbx, rsi
    jb      .loop
    pop     rbx
    ret
.empty:
    ret
ENDFUNC

FUNC fx_rsp_good_max_byte
    push    rbx
    xor     eax, eax
    test    rsi, rsi
    jz      .empty
    xor     ebx, ebx
.loop:
    movzx   ecx, byte [rdi + rbx]
    cmp     rax, rcx
    cmovb   rax, rcx
    inc     rbx
    cmp     rbx, rsi
    jb      .loop
.empty:
    pop     rbx
    ret
ENDFUNC

GNU_STACK
