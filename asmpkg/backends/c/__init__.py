from pathlib import Path

from ...model import EXTENDED_FORMS
from .. import Backend, Tool
from . import generator

BACKEND = Backend(
    name="c",
    folder=Path(__file__).parent,
    tools=(Tool("cc", "cc", hint="apt-get install gcc"),),
    files=lambda model: generator.files(model, BACKEND),
    meson_values=generator.meson_values,
    order=0,
    extended_forms=EXTENDED_FORMS,  # C takes every form as it is
    test_cases=(r"(\d+) test vector\(s\) passed", r"(?m)^ok   "),
)


def header(model) -> str:
    """The public C header: other backends vendor it, and validation compiles C sources against it."""
    return generator.header(model, BACKEND)
