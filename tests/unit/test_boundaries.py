"""Design §2: one import rule per folder, checked so nobody has to remember it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    "rules": {"telegram", "sqlalchemy", "alembic", "bot", "storage"},
    "storage": {"telegram", "bot", "presidio_analyzer", "presidio_anonymizer", "spacy", "jieba"},
    "bench": set(),
}
ONLY_IN = {"telegram": "bot", "sqlalchemy": "storage", "alembic": "storage",
           "presidio_analyzer": "rules", "presidio_anonymizer": "rules", "spacy": "rules",
           "jieba": "rules"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


SOURCES = sorted(p for pkg in ("bot", "rules", "storage") for p in (ROOT / pkg).rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_when_imports_checked_then_respects_layer_rules(path: Path) -> None:
    package = path.relative_to(ROOT).parts[0]
    imported = _imports(path)
    bad = sorted(imported & FORBIDDEN.get(package, set()))
    bad += sorted(m for m in imported if m in ONLY_IN and ONLY_IN[m] != package)
    assert bad == [], f"{path.relative_to(ROOT)} imports {bad}"
