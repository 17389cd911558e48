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
from rules.lexicon import LEXICON_DIR, load_lexicons, load_yaml
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
    """A rule file is invalid: file path, rule id, field, YAML line where known, and why."""

    def __init__(
        self, path: Path | str, rule_id: str | None, field: str | None, msg: str,
        line: int | None = None,
    ) -> None:
        self.path, self.rule_id, self.field, self.msg, self.line = path, rule_id, field, msg, line
        where = f"{path}:{line}" if line else str(path)
        named = f", 字段 / field {field}" if field else ""
        super().__init__(f"{where}: 规则 / rule {rule_id or '?'}{named}: {msg}")


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
        err = exc.errors()[0]
        more = len(exc.errors()) - 1
        extra = f"（另有 {more} 处 / +{more} more）" if more else ""
        line = line_of(compose(source), err["loc"])
        raise RuleError(path, rule_id, field_path(err["loc"]) or None,
                        explain(err, Rule) + extra, line) from exc
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


def read_rules(
    dirs: Iterable[Path], lexicons: Iterable[str] | None = None
) -> tuple[list[tuple[Path, Rule]], list[RuleError]]:
    """Every rule in the pack directories plus every problem found (used by the linter).

    `lexicons` are the lexicon names rules may use (default: those in `LEXICON_DIR`).
    """
    lexicons = set(load_lexicons(LEXICON_DIR) if lexicons is None else lexicons)
    found: list[tuple[Path, Rule]] = []
    errors: list[RuleError] = []
    seen: dict[str, Path] = {}
    for directory in dirs:
        if Path(directory).is_file():  # one rule file (`rules test my-rule.yaml`)
            paths = [Path(directory)]
        else:
            paths = sorted(Path(directory).glob("*.yaml")) + sorted(Path(directory).glob("*.yml"))
        if not paths:
            errors.append(RuleError(directory, None, None, "规则包为空 / rule pack is empty"))
        for path in paths:
            try:
                rule = read_rule(path)
                check_references(rule, path, lexicons)
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
    dirs: Iterable[Path | str] | None = None, lexicons: Iterable[str] | None = None
) -> list[Rule]:
    """Load and validate rule packs (default: cn-healthcare); raise the first `RuleError`.

    `lexicons`: the known lexicon names, when the caller has already loaded them.
    """
    paths = [resolve_pack(d) for d in (dirs if dirs is not None else [DEFAULT_PACK])]
    found, errors = read_rules(paths, lexicons)
    if errors:
        raise errors[0]
    return sorted((rule for _, rule in found), key=lambda r: r.id)
