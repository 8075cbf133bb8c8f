from pathlib import Path

from ...model import BUF_OUT, LEN_EXPR, OWNED_STR
from .. import Backend, Tool
from . import generator

BACKEND = Backend(
    name="rust",
    folder=Path(__file__).parent,
    tools=(
        Tool("cargo", "cargo", hint="install Rust with rustup (https://rustup.rs): curl https://sh.rustup.rs -sSf | sh"),
        Tool("rustc", "rustc", hint="install Rust with rustup (https://rustup.rs)"),
    ),
    files=lambda model: generator.files(model, BACKEND),
    meson_values=generator.meson_values,
    order=20,
    extended_forms=frozenset({LEN_EXPR, BUF_OUT, OWNED_STR}),  # ptr<T> parameters and owned pointers are refused
    test_cases=(r"test result: ok\. (\d+) passed",),
)
