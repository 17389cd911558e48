"""Throughput of detect_personal_data on 20,000 mixed messages (one core, warm engine).

    .venv/bin/python tests/unit/rules/pii/pii_speed.py [../shared/corpus]

The mix: the real consultation turns (typical chat: most messages go through the prefilter
only), presidio-research's synthetic English sentences (PII-dense), and Chinese messages with
obfuscated phone numbers, IDs, cards, names, beds, addresses and WeChat ids. Prints msg/s for
the typical-chat part and for the whole mix, plus p50 / p99 per message.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from pathlib import Path

from rules.pii import detect_personal_data, lexicon
from rules.pii.analyzer import analyzer

SYNTHETIC_ZH = [
    "我的手机号是138 1234 5678，麻烦回个电话", "身份证110101199003074477", "3床王阿姨今天怎么样",
    "加我微信zhangsan_123", "住院号:ZY20230012", "我叫王伟，家住建国路88号院5号楼",
    "卡号6222 0212 3456 7890 128", "电话一三八一二三四五六七八", "邮箱abc@example.com谢谢",
]


def load(corpus: Path) -> tuple[list[str], list[str]]:
    """(consultation turns, synthetic English sentences) from the development corpus."""
    chat: list[str] = []
    for path in sorted((corpus / "dialogues-zh").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            chat += [turn["utterance"] for turn in json.loads(line)["turns"]]
    synth = json.loads((corpus / "presidio-synth-en" / "synth_dataset_v2.json").read_text())
    return chat, [item["full_text"] for item in synth]


def rate(messages: list[str]) -> tuple[float, list[float]]:
    """Messages per second and per-message latencies in ms."""
    latencies = []
    start = time.perf_counter()
    for text in messages:
        t0 = time.perf_counter()
        detect_personal_data(text)
        latencies.append((time.perf_counter() - t0) * 1000)
    return len(messages) / (time.perf_counter() - start), latencies


def main(corpus: Path) -> None:
    """Print the measurements."""
    chat, english = load(corpus)
    rng = random.Random(2)
    mix = chat * 2 + english + SYNTHETIC_ZH * 220
    rng.shuffle(mix)
    mix = (mix * 2)[:20000]
    t0 = time.perf_counter()
    analyzer()
    lexicon.warm_up()
    print(f"engine + jieba warm-up: {time.perf_counter() - t0:.2f} s")
    typical, _ = rate((chat * 3)[:20000])
    mixed, latencies = rate(mix)
    quantiles = statistics.quantiles(latencies, n=100)
    print(f"typical chat (real consultations): {typical:,.0f} msg/s")
    print(f"20k mixed messages: {mixed:,.0f} msg/s, p50 {quantiles[49]:.3f} ms, "
          f"p99 {quantiles[98]:.3f} ms")


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[4]
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "corpus")
