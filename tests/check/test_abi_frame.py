"""The System V classification the harness relies on, and the manifest's length expressions."""

from __future__ import annotations

from asmpkg import model as m
from asmpkg.check import abi
from asmpkg.manifest import parse_len_expr

S = m.SCALARS


def struct(*fields: tuple[str, str]) -> m.StructT:
    layout, size, align = m.struct_layout([(n, S[t], "") for n, t in fields])
    return m.StructT(m.Struct("s", "s", "", layout, size, align))


def where(loc: abi.Location) -> list[tuple[str, int, int, int]]:
    return [(p.where, p.index, p.offset, p.size) for p in loc.pieces]


def test_integers_then_the_stack():
    f = abi.frame(tuple(m.ScalarT(S["i64"]) for _ in range(6)) + (m.ScalarT(S["u8"]), m.ScalarT(S["i16"])),
                  m.ScalarT(S["i64"]))
    assert [where(p) for p in f.params[:6]] == [[(abi.GPR, i, 0, 8)] for i in range(6)]
    assert where(f.params[6]) == [(abi.STACK, 0, 0, 1)]
    assert where(f.params[7]) == [(abi.STACK, 8, 0, 2)]
    assert f.stack_bytes == 16 and where(f.result) == [(abi.GPR, 0, 0, 8)]


def test_floats_use_xmm0_to_7_then_the_stack():
    f = abi.frame(tuple(m.ScalarT(S["f64"]) for _ in range(9)), m.ScalarT(S["f32"]))
    assert [where(p)[0][:2] for p in f.params[:8]] == [(abi.XMM, i) for i in range(8)]
    assert where(f.params[8]) == [(abi.STACK, 0, 0, 8)]
    assert where(f.result) == [(abi.XMM, 0, 0, 4)]


def test_struct_eightbytes():
    assert abi.classify(struct(("a", "i32"), ("b", "f32"))) == [(abi.INTEGER, 0, 8)]
    assert abi.classify(struct(("x", "f32"), ("y", "f32"), ("z", "f32"))) == [(abi.SSE, 0, 8), (abi.SSE, 8, 4)]
    assert abi.classify(struct(("tag", "u8"), ("v", "f64"))) == [(abi.INTEGER, 0, 1), (abi.SSE, 8, 8)]
    assert abi.classify(struct(("a", "i64"), ("b", "i64"), ("c", "i64"))) == []  # MEMORY


def test_mixed_struct_result_takes_rax_and_xmm0():
    f = abi.frame((), struct(("tag", "u8"), ("v", "f64")))
    assert where(f.result) == [(abi.GPR, 0, 0, 1), (abi.XMM, 0, 8, 8)]
    f = abi.frame((), struct(("lo", "i64"), ("hi", "i64")))
    assert where(f.result) == [(abi.GPR, 0, 0, 8), (abi.GPR, 1, 8, 8)]


def test_sret_takes_rdi():
    big = struct(("a", "i64"), ("b", "i64"), ("c", "i64"))
    f = abi.frame((m.ScalarT(S["i64"]),), big)
    assert f.sret and where(f.params[0]) == [(abi.GPR, 1, 0, 8)]


def test_a_struct_that_does_not_fit_goes_whole_to_the_stack():
    pair = struct(("lo", "i64"), ("hi", "i64"))
    f = abi.frame(tuple(m.ScalarT(S["i64"]) for _ in range(5)) + (pair, m.ScalarT(S["i64"])), m.VoidT())
    assert [p.where for p in f.params[5].pieces] == [abi.STACK, abi.STACK]
    assert where(f.params[6]) == [(abi.GPR, 5, 0, 8)]  # a later scalar still takes r9
    assert f.stack_bytes == 16


def test_memory_structs_are_copied_to_the_stack():
    big = struct(("a", "i64"), ("b", "i64"), ("c", "i64"), ("d", "i64"))
    f = abi.frame((m.ScalarT(S["i64"]), big), m.ScalarT(S["i64"]))
    assert f.params[1].in_memory and f.stack_bytes == 32


def test_length_expressions():
    assert parse_len_expr("32") == m.LenExpr(None, 1, 32)
    assert parse_len_expr("n") == m.LenExpr("n", 1, 0)
    assert parse_len_expr("2*n") == m.LenExpr("n", 2, 0)
    assert parse_len_expr("n * 8") == m.LenExpr("n", 8, 0)
    assert parse_len_expr("4*n-2") == m.LenExpr("n", 4, -2)
    assert parse_len_expr("n+1").evaluate(5) == 6
    assert parse_len_expr("n*m") is None and parse_len_expr("") is None
    assert str(m.LenExpr("n", 2, 1)) == "2*n+1"


BASE = """
[package]
name = "t"
library = "t"
version = "1.0.0"
prefix = "t_"
[sources]
nasm = ["a.asm"]
"""


def load(tmp_path, body: str):
    from asmpkg import manifest

    (tmp_path / "a.asm").write_text("")
    return manifest.parse_text(BASE + body, "asmpkg.toml", tmp_path)


def problems(tmp_path, body: str) -> str:
    import pytest

    from asmpkg.errors import InputError

    with pytest.raises(InputError) as exc:
        load(tmp_path, body)
    return "\n".join(str(d) for d in exc.value.diagnostics)


def test_manifest_takes_what_real_nasm_functions_take(tmp_path):
    model = load(tmp_path, """
[[callbacks]]
name = "visit"
returns = "bool"
params = [{ name = "user", type = "user_data" }, { name = "p", type = "ptr<u8>" }, { name = "n", type = "u32" }]
[[functions]]
name = "hex"
params = [{ name = "in", type = "bytes", len = "n" }, { name = "n", type = "u32" }, { name = "out", type = "[u8; 2*n]" }]
[[functions]]
name = "blocks"
returns = "u64"
params = [{ name = "data", type = "bytes", len = "n*64" }, { name = "n", type = "usize" }]
[[functions]]
name = "dup"
returns = "ptr<u8>"
free = "release"
params = [{ name = "n", type = "usize" }]
[[functions]]
name = "release"
params = [{ name = "p", type = "ptr<u8>" }]
[[functions]]
name = "each"
returns = "f32"
params = [{ name = "user", type = "user_data" }, { name = "fn", type = "visit", user = "user" }]
""")
    hexfn = model.function("hex")
    assert hexfn.param("out").type == m.BufOutT(S["u8"], m.LenExpr("n", 2, 0))
    assert hexfn.param("out").role == m.OUTPUT and hexfn.param("n").role == m.LENGTH
    assert model.function("blocks").param("data").size == m.LenExpr("n", 64, 0)
    assert model.function("blocks").param("n").role == m.INPUT
    assert model.function("dup").free == "release"
    assert model.callbacks[0].user_index == 0
    assert "uint8_t *out" in hexfn.c_prototype


def test_manifest_rejects_bad_contracts(tmp_path):
    text = problems(tmp_path, """
[[functions]]
name = "a"
params = [{ name = "out", type = "[u8; 2*k]" }, { name = "x", type = "bytes", len = "n*n" }, { name = "n", type = "usize" }]
[[functions]]
name = "b"
returns = "i64"
free = "free"
[[functions]]
name = "c"
returns = "ptr<u8>"
free = "nothing"
""")
    assert "no parameter named 'k'" in text
    assert "'n*n' is not a length" in text
    assert "only functions that return ptr<T> or cstr take free" in text
    assert "'nothing' is neither free nor a function of this library" in text
