"""asmmath.Point: an immutable value type mirroring math_point."""

import copy
import math
import pickle

import pytest

import asmmath


def test_fields_repr_and_equality():
    p = asmmath.make_point(1.5, -2)
    assert (p.x, p.y) == (1.5, -2.0) and type(p.y) is float
    assert repr(p) == "asmmath.Point(x=1.5, y=-2.0)"
    assert p == asmmath.Point(1.5, -2.0) == asmmath.Point(x=1.5, y=-2.0)
    assert p != asmmath.Point(1.5, 2.0)
    assert p != (1.5, -2.0)
    assert hash(p) == hash(asmmath.Point(1.5, -2.0))
    assert len({p, asmmath.Point(1.5, -2.0), asmmath.Point(0.0, 0.0)}) == 2
    assert hash(asmmath.Point(0.0, 0.0)) == hash(asmmath.Point(-0.0, 0.0))  # they are equal
    nan = asmmath.Point(math.nan, 0.0)
    assert nan != nan


def test_distance():
    assert asmmath.point_distance(asmmath.Point(0, 0), asmmath.Point(3, 4)) == 5.0
    assert asmmath.point_distance(asmmath.make_point(1, 1), asmmath.make_point(1, 1)) == 0.0


def test_immutable():
    p = asmmath.Point(1.0, 2.0)
    with pytest.raises(AttributeError):
        p.x = 3.0
    with pytest.raises(AttributeError):
        del p.y
    with pytest.raises(AttributeError):
        p.z = 1.0
    with pytest.raises(TypeError):
        type("Mine", (asmmath.Point,), {})


def test_pickle_copy_and_match():
    p = asmmath.Point(1.0, 2.0)
    assert pickle.loads(pickle.dumps(p)) == p
    assert copy.copy(p) == p and copy.deepcopy(p) == p
    match p:
        case asmmath.Point(x, y):
            assert (x, y) == (1.0, 2.0)
        case _:
            pytest.fail("no match")


def test_bad_arguments():
    with pytest.raises(TypeError, match="argument 'x' must be float"):
        asmmath.Point("1", 2.0)
    with pytest.raises(TypeError, match="missing required argument 'y'"):
        asmmath.Point(1.0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
        asmmath.Point(1.0, 2.0, z=3.0)
    with pytest.raises(TypeError, match="multiple values"):
        asmmath.Point(1.0, x=2.0)
    with pytest.raises(TypeError, match="point_distance\\(\\) argument 'a' must be asmmath.Point, not tuple"):
        asmmath.point_distance((0.0, 0.0), asmmath.Point(1, 1))
    with pytest.raises(TypeError, match="must be asmmath.Point, not NoneType"):
        asmmath.point_distance(asmmath.Point(1, 1), None)
