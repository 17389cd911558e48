"""Rule-pack loader: YAML files → validated `Rule`s, or a `RuleError` naming file, rule, field.

One rule per file, `id` equal to the file stem, ids unique across packs, every lexicon a
rule names must exist, and every entity must be one its detectors can produce. Any error
refuses the whole set: the process must not start with half a rule pack.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import ValidationError

from rules.diagnostics import (
    compose,
    did_you_mean,
    explain,
    field_path,
    line_of,
    yaml_problem,
)
from rules.lexicon import (
    LEXICON_DIR,
    Lexicon,
    LexiconError,
    load_lexicons,
    load_pack_lexicons,
    load_yaml,
)
from rules.schema import Rule

PACKS_DIR = Path(__file__).resolve().parent / "packs"
DEFAULT_PACK = PACKS_DIR / "cn-healthcare"

# Entities each non-PII detector can produce (personal_data entities come from rules.pii).
ENTITIES = {
    "gift": {"GIFT_MONEY", "GIFT_CARD", "GIFT_GOODS", "GIFT_SOLICIT", "GIFT_ACCEPT"},
    "advice": {"DIAGNOSIS", "TREATMENT", "DOSAGE", "MEDICATION_CHANGE", "CONTROLLED_DRUG"},
    "offtopic": {"FUNDRAISING", "MEDICAL_AD", "SHOP_LINK", "QR_CODE", "COMMERCE", "SCALPING"},
    "structural": {"GIFT", "UNIQUE_GIFT", "PAID_MESSAGE", "PAYMENT", "TRANSFER"},
}


class RuleError(ValueError):
    """A rule file is invalid: file path, rule id, field, YAML line where known, and why.

    `others`: further problems of the same file (the linter lists them all; a start-up error
    names the first and counts the rest).
    """

    def __init__(
        self, path: Path | str, rule_id: str | None, field: str | None, msg: str,
        line: int | None = None, others: tuple[RuleError, ...] = (),
    ) -> None:
        self.path, self.rule_id, self.field, self.msg, self.line = path, rule_id, field, msg, line
        self.others = others
        where = f"{path}:{line}" if line else str(path)
        named = ", ".join([f"规则 / rule {rule_id}"] * bool(rule_id)
                          + [f"字段 / field {field}"] * bool(field))
        more = f"（另有 {len(others)} 处 / +{len(others)} more）" if others else ""
        super().__init__(f"{where}: {named}: {msg}{more}" if named else f"{where}: {msg}{more}")


def resolve_pack(name_or_path: str | Path) -> Path:
    """A pack directory (or one rule file) from a path or a bundled name like `cn-healthcare`."""
    path = Path(name_or_path)
    if path.is_dir() or (path.is_file() and path.suffix in (".yaml", ".yml")):
        return path
    bundled = PACKS_DIR / str(name_or_path)
    if bundled.is_dir():
        return bundled
    raise RuleError(path, None, None, "规则包不存在 / rule pack not found")


def read_rule(path: Path) -> Rule:
    """Parse and validate one rule file; raise `RuleError`."""
    try:
        source = path.read_text(encoding="utf-8")
        data = load_yaml(source)
    except yaml.YAMLError as exc:
        line, msg = yaml_problem(exc)
        raise RuleError(path, path.stem, None, msg, line) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(path, path.stem, None, f"无法读取 / cannot read: {exc}") from exc
    except RecursionError as exc:  # PyYAML recurses once per nesting level
        raise RuleError(path, path.stem, None, "YAML 嵌套过深 / YAML nested too deeply") from exc
    except ValueError as exc:  # PyYAML's constructors: a 2024-13-45 date, a 5,000-digit int
        raise RuleError(path, path.stem, None, f"YAML 值无效 / invalid YAML value: {exc}") from exc
    if not isinstance(data, dict):
        raise RuleError(path, path.stem, None, "顶层必须是映射 / top level must be a mapping", 1)
    rule_id = str(data.get("id", path.stem))
    try:
        rule = Rule.model_validate(data)
    except ValidationError as exc:
        node = compose(source)
        found = sorted(((line_of(node, e["loc"]) or 0, field_path(e["loc"]), explain(e, Rule))
                        for e in exc.errors()), key=lambda problem: problem[0])
        rest = tuple(RuleError(path, rule_id, field or None, msg, line or None)
                     for line, field, msg in found[1:])
        line, field, msg = found[0]
        raise RuleError(path, rule_id, field or None, msg, line or None, rest) from exc
    if rule.id != path.stem:
        raise RuleError(path, rule.id, "id", "id 必须等于文件名 / id must equal the file stem",
                        line_of(compose(source), ["id"]))
    return rule


def _lexicon_fields(rule: Rule) -> Iterable[tuple[list[int | str], str]]:
    """(field location, lexicon name) for every lexicon the rule names."""
    for section, key in (("match", "lexicon"), ("match", "all_of"), ("exclude", "lexicon"),
                         ("exclude", "lexicon_anywhere")):
        for index, name in enumerate(getattr(getattr(rule, section), key)):
            yield [section, key, index], name
    if rule.match.near is not None:
        for index, name in enumerate(rule.match.near.lexicons):
            yield ["match", "near", "lexicons", index], name


def check_references(rule: Rule, path: Path, lexicons: Iterable[str]) -> None:
    """Lexicon names and detector entities the rule uses must exist."""
    known_lexicons = set(lexicons)
    for loc, name in _lexicon_fields(rule):
        if name not in known_lexicons:
            line = line_of(compose(path.read_text(encoding="utf-8")), loc)
            raise RuleError(path, rule.id, field_path(loc),
                            f"未知词表 / unknown lexicon {name!r}"
                            f"{did_you_mean(name, known_lexicons)}", line)
    known = set().union(*(ENTITIES.get(d, set()) for d in rule.match.detectors))
    if "personal_data" not in rule.match.detectors:
        for index, entity in enumerate(rule.match.entities):
            if entity not in known:
                line = line_of(compose(path.read_text(encoding="utf-8")),
                               ["match", "entities", index])
                raise RuleError(path, rule.id, f"match.entities.{index}",
                                f"未知实体 / unknown entity {entity!r}"
                                f"{did_you_mean(entity, known)}", line)


def _known_lexicons(dirs: list[Path], lexicons: dict[str, Lexicon] | None,
                    errors: list[RuleError]) -> set[str]:
    """Names rules may use: built-in lexicons plus the packs' own (added to `lexicons`)."""
    builtin = load_lexicons(LEXICON_DIR) if lexicons is None else lexicons
    try:
        own = load_pack_lexicons(dirs, builtin)
    except LexiconError as exc:
        errors.append(RuleError(exc.path, None, None, exc.msg))
        own = {}
    if lexicons is not None:  # the caller builds its engine from this dict: match them too
        lexicons.update(own)
    return set(builtin) | set(own)


def _rule_files(directory: Path) -> list[Path]:
    """The rule files of a pack directory (its `lexicons/` folder is not searched)."""
    if directory.is_file():  # one rule file (`rules test my-rule.yaml`)
        return [directory]
    return sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))


def read_rules(
    dirs: Iterable[Path], lexicons: dict[str, Lexicon] | None = None
) -> tuple[list[tuple[Path, Rule]], list[RuleError]]:
    """Every rule in the pack directories plus every problem found (used by the linter).

    `lexicons`: the built-in lexicons when the caller has loaded them (default: read from
    `LEXICON_DIR`); the packs' own `lexicons/` lists are added to that dict.
    """
    dirs = [Path(d) for d in dirs]
    errors: list[RuleError] = []
    known = _known_lexicons(dirs, lexicons, errors)
    found: list[tuple[Path, Rule]] = []
    seen: dict[str, Path] = {}
    for directory in dirs:
        paths = _rule_files(directory)
        if not paths:
            errors.append(RuleError(directory, None, None, "规则包为空 / rule pack is empty"))
        for path in paths:
            try:
                rule = read_rule(path)
                check_references(rule, path, known)
            except RuleError as exc:
                errors.append(exc)
                continue
            if rule.id in seen:
                errors.append(RuleError(path, rule.id, "id",
                                        f"id 重复 / duplicate id, also in {seen[rule.id]}"))
                continue
            seen[rule.id] = path
            found.append((path, rule))
    return found, errors


def load_rules(
    dirs: Iterable[Path | str] | None = None, lexicons: dict[str, Lexicon] | None = None
) -> list[Rule]:
    """Load and validate rule packs (default: cn-healthcare); raise the first `RuleError`.

    `lexicons`: the built-in lexicons, when the caller has already loaded them; the packs'
    own word lists are added to the dict, so an engine built from it can match them.
    """
    paths = [resolve_pack(d) for d in (dirs if dirs is not None else [DEFAULT_PACK])]
    found, errors = read_rules(paths, lexicons)
    if errors:
        raise errors[0]
    return sorted((rule for _, rule in found), key=lambda r: r.id)


def pack_summary(packs: Iterable[str | Path], rules: Iterable[Rule]) -> str:
    """`规则包 / packs: cn-healthcare, ./my-pack（共 N 条规则 / N rules）`."""
    names = ", ".join(str(p) for p in packs)
    return f"规则包 / packs: {names}（共 {len(list(rules))} 条规则 / rules）"


def default_pack_warning(packs: Iterable[str | Path]) -> str | None:
    """A warning when configured packs leave out the bundled default pack (they replace it)."""
    bundled = DEFAULT_PACK.name
    if any(str(p) == bundled or Path(p).resolve() == DEFAULT_PACK for p in packs):
        return None
    return (f"警告 / warning: 未加载默认规则包 {bundled}：rules.packs 列出的包会替换默认包，"
            f"如需保留请把 {bundled} 加入列表 / the default pack {bundled} is not loaded: the "
            f"packs listed replace it; add {bundled} to rules.packs to keep it")
