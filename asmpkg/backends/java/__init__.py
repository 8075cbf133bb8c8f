from pathlib import Path

from ...model import BUF_OUT, LEN_EXPR, OWNED_STR
from .. import Backend, Tool
from . import generator

BACKEND = Backend(
    name="java",
    folder=Path(__file__).parent,
    tools=(
        Tool("javac", "javac", ("-version",), "a JDK 17 or newer: apt-get install openjdk-17-jdk-headless"),
        Tool("java", "java", ("-version",), "a JDK 17 or newer: apt-get install openjdk-17-jdk-headless"),
        Tool("jar", "jar", ("--version",), "a JDK 17 or newer: apt-get install openjdk-17-jdk-headless"),
        Tool("javadoc", "javadoc", ("--version",), "a JDK 17 or newer: apt-get install openjdk-17-jdk-headless"),
        Tool("mvn", "mvn", ("--version",), "apt-get install maven: the java suite's Maven build, and the release "
             "check (`asmpkg package --verify`)", optional=True),
    ),
    files=lambda model: generator.files(model, BACKEND),
    meson_values=generator.meson_values,
    order=40,
    dist_folder="",  # its artifact is the `maven/` repository folder: dist/maven/
    # lengths checked in Java before the JNI call; owned strings copied, then freed by the glue (docs/java.md)
    extended_forms=frozenset({LEN_EXPR, BUF_OUT, OWNED_STR}),
    test_cases=(r"\[\s*(\d+) tests successful\s*\]",),
)
