from pathlib import Path

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
)
