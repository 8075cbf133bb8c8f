from pathlib import Path

from ...model import BUF_OUT, LEN_EXPR, OWNED_STR
from .. import Backend, Tool
from . import generator

BACKEND = Backend(
    name="python",
    folder=Path(__file__).parent,
    tools=(
        Tool("python3 headers", "@python-headers", hint="apt-get install python3-dev"),
        Tool("pytest", "pytest", hint="pip install pytest"),
    ),
    files=lambda model: generator.files(model, BACKEND),
    meson_values=generator.meson_values,
    order=10,
    extended_forms=frozenset({LEN_EXPR, BUF_OUT, OWNED_STR}),  # not PTR_PARAM nor OWNED_PTR yet
    test_cases=(r"(?m)^=*\s*(\d+) passed\b",),
)
