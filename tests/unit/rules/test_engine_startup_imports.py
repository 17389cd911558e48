"""Start-up (design §6): building the engine and its first result pull in only what they need.

Each check runs in a fresh interpreter, because this test session has imported far more.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rules.lexicon import LEXICON_DIR, load_yaml
from rules.loader import PACKS_DIR

ROOT = Path(__file__).resolve().parents[3]
# Never needed to detect anything: plotting, the archive, Telegram, deep-learning stacks.
NEVER = ("matplotlib", "sqlalchemy", "telegram", "torch", "pandas", "transformers")
# Presidio, spaCy and jieba load with the first message that needs personal-data checks.
ON_FIRST_PII_MESSAGE = ("presidio_analyzer", "spacy", "jieba")
_REPORT = """
import json, sys
from rules.engine import Engine
from rules.model import Message
engine = Engine.load()
built = sorted(sys.modules)
text = "我是张伟的家属，电话 13812345678，邮箱 a@example.com，给您发个红包"
findings = engine.evaluate(Message(id="m", text=text, chat_id="c"), engine.new_context())
print(json.dumps({"built": built, "first": sorted(sys.modules),
                  "categories": sorted({f.category.value for f in findings})}))
"""


@pytest.fixture(scope="module")
def loaded() -> dict[str, list[str]]:
    """Module names after `Engine.load()` and after its first result, in a new process."""
    done = subprocess.run([sys.executable, "-c", _REPORT], cwd=ROOT, capture_output=True,
                          text=True, check=True, timeout=120)
    result: dict[str, list[str]] = json.loads(done.stdout.splitlines()[-1])
    return result


def _present(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    return sorted({m for m in modules for p in packages if m == p or m.startswith(p + ".")})


def test_engine_when_built_then_no_detection_library_or_app_layer_is_imported(
    loaded: dict[str, list[str]],
) -> None:
    assert _present(loaded["built"], NEVER + ON_FIRST_PII_MESSAGE) == []


def test_engine_when_first_result_then_no_spacy_language_or_model_is_loaded(
    loaded: dict[str, list[str]],
) -> None:
    # The first message did run Presidio (it found the phone number) ...
    assert {"personal_data", "gift"} <= set(loaded["categories"])
    assert set(ON_FIRST_PII_MESSAGE) <= set(loaded["first"])
    # ... with blank pipelines never built (no tokenising) and no trained spaCy model.
    languages = _present(loaded["first"], ("spacy.lang.zh", "spacy.lang.en"))
    models = [m for m in loaded["first"] if m.split("_")[0] in ("zh", "en", "xx")
              and "_core_" in m]
    assert (languages, models) == ([], [])
    assert _present(loaded["first"], NEVER) == []


@pytest.mark.parametrize("path", sorted([*PACKS_DIR.rglob("*.yaml"), *LEXICON_DIR.glob("*.yaml")]),
                         ids=lambda p: p.name)
def test_load_yaml_when_bundled_file_then_same_data_as_pyyaml_safe_load(path: Path) -> None:
    # load_yaml parses with libyaml where PyYAML has it; the data must not differ.
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.safe_load(text)
