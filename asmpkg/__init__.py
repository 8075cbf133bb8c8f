"""asmpkg: one manifest, a versioned NASM library and bindings for every language."""

__version__ = "0.1.0"
