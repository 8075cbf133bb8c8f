; writable_state: data every thread shares.
%include "fx.inc"
section .data
align 8
counter: dq 0

section .text

; uint64_t fx_ws_bad_next_id(void) - a process-wide sequence number.
; BUG: a plain load/increment/store on .data: two threads can get the same number.
FUNC fx_ws_bad_next_id
    mov     rax, [counter]
    inc     rax
    mov     [counter], rax
    ret
ENDFUNC

GNU_STACK
