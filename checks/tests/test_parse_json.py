"""parse_json decodes a section line as json.loads does: the same value, the same error."""

import json
import math

import pytest

from cmk_addons.plugins.kubemon.lib.common import parse_json, parse_lean

LINES = [
    '{"a":1,"b":[true,null,"x\\u00e9"],"c":{"d":1.5e3}}',
    ' {"a":1}',
    '{"a":1} ',
    "[1,2]",
    "null",
    '"text"',
    "NaN",
    '{"a":"\\ud800"}',
]
BAD = ['{"a":1}x', '{"a":1}{"b":2}', "", "\ufeff{}", '{"a":', "{'a':1}"]


@pytest.mark.parametrize("line", LINES)
def test_same_value_as_json_loads(line: str) -> None:
    got, want = parse_json([[line]]), json.loads(line)
    if isinstance(want, float) and math.isnan(want):
        assert math.isnan(got)
    else:
        assert got == want
        assert type(got) is type(want)


@pytest.mark.parametrize("line", BAD)
def test_same_error_as_json_loads(line: str) -> None:
    with pytest.raises(json.JSONDecodeError) as want:
        json.loads(line)
    with pytest.raises(json.JSONDecodeError) as got:
        parse_json([[line]])
    assert str(got.value) == str(want.value)


def test_parse_lean_puts_back_the_defaults() -> None:
    assert parse_lean([['{"b":2}']], {"a": 0, "b": 0}) == {"a": 0, "b": 2}
    assert parse_lean([], {"a": 0}) is None
