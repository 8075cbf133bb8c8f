from pathlib import Path

from ...model import BUF_OUT, LEN_EXPR, OWNED_STR
from .. import Backend, Tool
from . import generator

BACKEND = Backend(
    name="go",
    folder=Path(__file__).parent,
    tools=(Tool("go", "go", ("version",),
                hint=f"Go >= {generator.GO_VERSION} from https://go.dev/dl/ (untar to /usr/local/go, put /usr/local/go/bin on PATH)"),),
    files=lambda model: generator.files(model, BACKEND),
    meson_values=generator.meson_values,
    order=40,
    # lengths are checked in Go before the call (generator.length_checks); owned strings are copied, then freed
    extended_forms=frozenset({LEN_EXPR, BUF_OUT, OWNED_STR}),
    test_cases=(r"(?m)^\s*--- PASS: ",),
)
