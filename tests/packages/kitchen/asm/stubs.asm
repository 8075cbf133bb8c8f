; Each ks_ function jumps to its C implementation in src/kitchen.c.

%macro STUB 1
    global ks_%1:function (ks_%1.end - ks_%1)
    extern impl_%1
ks_%1:
    jmp impl_%1 wrt ..plt
.end:
%endmacro

section .text

STUB mix
STUB negate_i8
STUB not_bool
STUB half_f32
STUB double_size
STUB sum_bytes
STUB fill
STUB sum_f32
STUB count_true
STUB sum_sizes
STUB split_u128
STUB pair_f64
STUB rgb
STUB make_rect
STUB rect_value
STUB rect_area
STUB swap_pair
STUB divmod
STUB max_min
STUB parse_u64
STUB counter_new
STUB counter_pair
STUB counter_free
STUB counter_get
STUB counter_add
STUB counter_clone
STUB blob_new
STUB blob_free
STUB for_each
STUB apply2
STUB count_if
STUB version_string
STUB strerror

section .note.GNU-stack noalloc noexec nowrite progbits
