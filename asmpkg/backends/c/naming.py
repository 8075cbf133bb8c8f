"""C spellings of values from test vectors."""

from __future__ import annotations

from ... import model as m


def int_literal(value: int, scalar: m.Scalar) -> str:
    if scalar.is_bool:
        return "true" if value else "false"
    if scalar.signed:
        lo, _ = scalar.int_range()
        if value == lo and scalar.bits == 64:
            return "(-INT64_C(9223372036854775807) - 1)"
        return f"INT64_C({value})" if scalar.bits == 64 else str(value)
    return f"UINT64_C({value})" if scalar.bits == 64 else f"{value}u"


def float_literal(value: float, scalar: m.Scalar) -> str:
    text = repr(float(value))
    if text in ("inf", "-inf", "nan"):
        return {"inf": "INFINITY", "-inf": "(-INFINITY)", "nan": "NAN"}[text]
    return text + ("f" if scalar.size == 4 else "")


def scalar_literal(value: object, scalar: m.Scalar) -> str:
    if scalar.is_float:
        return float_literal(float(value), scalar)  # type: ignore[arg-type]
    if scalar.is_bool:
        return "true" if value else "false"
    return int_literal(int(value), scalar)  # type: ignore[arg-type]


def byte_array(data: bytes) -> str:
    # One trailing 0 keeps empty inputs from being zero-length arrays.
    return "{" + ", ".join(f"0x{b:02x}" for b in data + b"\0") + "}"


def struct_literal(value: dict, struct: m.Struct) -> str:
    return f"(({struct.c_name}){{" + ", ".join(
        f".{f.name} = {scalar_literal(value[f.name], f.type)}" for f in struct.fields) + "})"
