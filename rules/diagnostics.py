"""Validation errors in the user's words: pydantic errors and YAML marks, Chinese first.

Shared by rule files (rules.loader) and the bot's config (bot.config), so a misspelt key reads
the same everywhere: `未知字段 / unknown field 'sender_role'，是否想写 / did you mean
'sender_roles'?` instead of pydantic's "Extra inputs are not permitted". Each error type is
translated once here; a type not listed keeps pydantic's own English text.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Iterable, Sequence
from typing import Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic_core import ErrorDetails

from rules.lexicon import YAML_LOADER

# pydantic error type → (Chinese, English) name of the expected type
_TYPES = {
    "int": ("整数", "an integer"), "float": ("数字", "a number"), "bool": ("true 或 false",
    "true or false"), "string": ("文本", "text"), "list": ("列表", "a list"),
    "dict": ("映射", "a mapping"), "model": ("映射", "a mapping"), "tuple": ("列表", "a list"),
}
# pydantic constraint error type → (Chinese, English, ctx key)
_BOUNDS = {
    "greater_than": ("须大于", "must be greater than", "gt"),
    "greater_than_equal": ("须不小于", "must be at least", "ge"),
    "less_than": ("须小于", "must be less than", "lt"),
    "less_than_equal": ("须不大于", "must be at most", "le"),
    "too_short": ("至少需要的项数", "needs at least this many items:", "min_length"),
    "string_too_short": ("至少需要的字符数", "needs at least this many characters:", "min_length"),
    "too_long": ("最多允许的项数", "allows at most this many items:", "max_length"),
    "string_too_long": ("最多允许的字符数", "allows at most this many characters:", "max_length"),
}


def field_path(loc: Iterable[int | str]) -> str:
    """`match.sender_roles.0` from a pydantic error location (validator names dropped)."""
    return ".".join(str(p) for p in loc if not str(p).startswith("function-"))


def _shown(value: object) -> str:
    """A short repr of the offending value."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _unwrap(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside `X | None`, `list[X]`, `dict[str, X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType, list, tuple, dict):
        args = get_args(annotation)
        for arg in args[1:] if origin is dict else args:
            if (found := _unwrap(arg)) is not None:
                return found
    return None


def allowed_keys(model: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    """The keys the model allows in the mapping that holds the field at `loc`."""
    current: type[BaseModel] | None = model
    for key in loc[:-1]:
        if current is None:
            return []
        field = current.model_fields.get(str(key))
        if field is None:  # a list index or a free dict key: stay on the item model
            continue
        current = _unwrap(field.annotation)
    return sorted(current.model_fields) if current is not None else []


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`，是否想写 / did you mean 'x'?` for the closest choice, or the choices themselves."""
    options = sorted(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"，是否想写 / did you mean {close[0]!r}?"
    return f"（可用 / allowed: {', '.join(options)}）" if options else ""


def explain(error: ErrorDetails, model: type[BaseModel] | None = None) -> str:
    """One pydantic error as `中文 / English` (the model finds did-you-mean keys)."""
    kind, ctx, loc = error["type"], error.get("ctx") or {}, error["loc"]
    if kind == "missing":
        return "缺少必填字段 / required field missing"
    if kind == "extra_forbidden":
        keys = allowed_keys(model, loc) if model is not None else []
        return f"未知字段 / unknown field {str(loc[-1])!r}{did_you_mean(str(loc[-1]), keys)}"
    if kind in ("enum", "literal_error"):
        return (f"取值无效 / invalid value {_shown(error['input'])}：可用 / allowed "
                f"{ctx.get('expected', '')}")
    name = kind.removesuffix("_type").removesuffix("_parsing")
    if name in _TYPES and kind != name:
        zh, en = _TYPES[name]
        got = _shown(error["input"])
        return f"类型错误 / wrong type: 应为{zh} / expected {en}, 实为 / got {got}"
    if kind in _BOUNDS:
        zh, en, key = _BOUNDS[kind]
        return f"{zh} {ctx.get(key)} / {en} {ctx.get(key)}, 实为 / got {_shown(error['input'])}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def compose(source: str) -> yaml.Node | None:
    """The YAML node tree of a file that already parsed: line numbers, for errors only."""
    try:
        node: yaml.Node | None = yaml.compose(source, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return None
    return node


def line_of(node: yaml.Node | None, loc: Sequence[int | str]) -> int | None:
    """The 1-based YAML line of the key or item at `loc` (the deepest one that exists)."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if str(k.value) == str(key)), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
            continue
        if isinstance(node, yaml.SequenceNode) and str(key).isdigit() and int(key) < len(
            node.value
        ):
            node = node.value[int(key)]
            line = node.start_mark.line + 1
            continue
        break
    return line


def yaml_problem(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """(line, `YAML 格式错误 / invalid YAML: problem (第 L 行第 C 列 / line L, column C)`)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    what = f"{context}, {problem}" if context else problem
    if mark is None:
        return None, f"YAML 格式错误 / invalid YAML: {what}"
    line, column = mark.line + 1, mark.column + 1
    return line, (f"YAML 格式错误 / invalid YAML: {what} "
                  f"（第 {line} 行第 {column} 列 / line {line}, column {column}）")
