"""Hypothesis strategies that damage real files the way people and disks do.

`mutated_tree` drops, retypes or adds keys in parsed YAML/JSON data (a hand edit gone wrong);
`mangled_bytes` flips, cuts and inserts bytes (a bad copy, a truncated upload, another encoding).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

# Values a hand-edited file can hold where another type was expected.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["", "-", "0", "enforce", "gift", "9999999999999999999999d", "daily 25:00"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.one_of(st.text(max_size=10), st.integers(-5, 5), st.booleans()), inner, max_size=4),
    max_leaves=12,
)
# Byte strings that are syntax in YAML or JSON, or invalid UTF-8.
SNIPPETS = [b"\xff\xfe", b"\t", b": ", b"- ", b"&a ", b"*a", b"!!python/object ", b"{", b"}",
            b"[", b"]", b",", b'"', b"\\u", b"\x00", b"\n  ", b"---\n", b"? [a]\n", b"\xe4\xb8",
            b"1e999", b"-", b"null", b"9" * 5000]


@st.composite
def mutated_tree(draw: st.DrawFn, data: Any) -> Any:
    """`data` with one mutation somewhere: a key dropped, replaced, added, or a value retyped."""
    if isinstance(data, dict) and data and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(data, key=str)))
        op = draw(st.sampled_from(["drop", "replace", "recurse", "unknown"]))
        out = dict(data)
        if op == "drop":
            del out[key]
        elif op == "replace":
            out[key] = draw(values)
        elif op == "unknown":
            out[draw(st.text(min_size=1, max_size=12))] = draw(values)
        else:
            out[key] = draw(mutated_tree(data[key]))
        return out
    if isinstance(data, list) and data and draw(st.booleans()):
        i = draw(st.integers(0, len(data) - 1))
        return [*data[:i], draw(mutated_tree(data[i])), *data[i + 1:]]
    return draw(values)


@st.composite
def mangled_bytes(draw: st.DrawFn, raw: bytes, max_edits: int = 6) -> bytes:
    """`raw` with one to `max_edits` bytes flipped, ranges cut, snippets inserted, or cut short."""
    out = bytearray(raw)
    for _ in range(draw(st.integers(1, max_edits))):
        pos = draw(st.integers(0, len(out)))
        op = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if op == "flip" and pos < len(out):
            out[pos] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del out[pos:pos + draw(st.integers(1, 40))]
        elif op == "insert":
            out[pos:pos] = draw(st.sampled_from(SNIPPETS))
        else:
            del out[pos:]
    return bytes(out)
