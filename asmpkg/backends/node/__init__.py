from pathlib import Path

from .. import Backend, Tool
from . import api, generator

BACKEND = Backend(
    name="node",
    folder=Path(__file__).parent,
    tools=(
        Tool("node", "node", hint="apt-get install nodejs (Node.js 18 or newer, with its headers)"),
        Tool("npm", "npm", hint="apt-get install npm"),
        Tool("node-gyp", "node-gyp", hint="npm install -g node-gyp@12.4.0"),
    ),
    files=lambda model: generator.files(model, BACKEND),
    meson_values=generator.meson_values,
    order=60,
    extended_forms=api.FORMS,  # computed lengths, owned strings; not ptr<T> parameters or owned pointers
    test_cases=(r"(?m)^# pass (\d+)",),
)
