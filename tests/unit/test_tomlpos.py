from asmpkg.tomlpos import key_positions, locate

TEXT = '''# comment with = and [brackets]
[package]
name = "a"   # trailing
"quoted.key" = 'x'
multi = """
line [ { "
"""

[[functions]]
name = "f"
params = [
  { name = "a", type = "i64" },
  { name = "b", type = { nested = 1 } },
]

[[functions]]
name = "g"
dotted.key = 1
'''


def test_positions():
    pos = key_positions(TEXT)
    assert pos[("package", "name")] == (3, 1)
    assert pos[("package", "quoted.key")] == (4, 1)
    assert pos[("functions", 0, "params", 1, "type", "nested")] == (13, 26)
    assert pos[("functions", 0, "params", 0, "type")] == (12, 17)
    assert pos[("functions", 1, "name")] == (17, 1)
    assert pos[("functions", 1, "dotted", "key")] == (18, 1)


def test_locate_falls_back_to_the_nearest_ancestor():
    pos = key_positions(TEXT)
    assert locate(pos, ("functions", 1, "returns")) == pos[("functions", 1)]
    assert locate(pos, ("nothing",)) == (1, 1)
