"""asm/include/crc32_tables.inc is what asm/crc32_tables.py writes, and the tables are right."""

import importlib.util

from conftest import REPO


def load():
    spec = importlib.util.spec_from_file_location("crc32_tables", REPO / "asm" / "crc32_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_include_is_up_to_date():
    assert (REPO / "asm" / "include" / "crc32_tables.inc").read_text() == load().render()


def test_tables_follow_the_slicing_recurrence():
    t = load().entry
    assert t(1, 0) == 0x77073096 and t(0xFF, 0) == 0x2D02EF8D  # zlib's byte-wise table
    for k in range(1, 8):
        for i in range(256):
            prev = t(i, k - 1)
            assert t(i, k) == (prev >> 8) ^ t(prev & 0xFF, 0)
