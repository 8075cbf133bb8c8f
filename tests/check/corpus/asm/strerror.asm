%include "fx.inc"
section .rodata
msg_ok:      db "success", 0
msg_div:     db "division by zero", 0
msg_ovf:     db "result does not fit", 0
msg_unknown: db "unknown error", 0
align 4
table: dd msg_ok - table, msg_div - table, msg_ovf - table

section .text
; const char *fx_strerror(int code)
FUNC fx_strerror
    lea     rax, [table]
    cmp     edi, 2
    ja      .unknown
    mov     ecx, edi
    movsxd  rdx, dword [rax + rcx * 4]
    add     rax, rdx
    ret
.unknown:
    lea     rax, [msg_unknown]
    ret
ENDFUNC

GNU_STACK
