"""The detection part of docs/benchmarks.md: engines side by side, cost per kind, quality."""

from __future__ import annotations

from typing import Any

from bench.report import markdown_table

_ENGINE_NAMES = {"wardwatch": "WardWatch (full default pack)",
                 "presidio": "Presidio predefined recognizers",
                 "floor": "floor (no detection: interpreter + corpus + loop)"}


def detail(section: dict[str, Any]) -> list[str]:
    """Markdown lines for the detection section."""
    corpus = section["corpus"]
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(corpus["kinds"].items()))
    parts = [
        f"Corpus: {corpus['messages']:,} messages, mean {corpus['mean_chars']:.1f} characters "
        f"({corpus['note']}). Kinds: {kinds}.",
        "",
        "Each engine runs in its own process pinned to one CPU (`os.sched_setaffinity`), "
        "one timed pass over the corpus after a 500-message warm-up; "
        f"{section['passes']} round(s) alternate the engines (A B C A B C) and the median "
        "round is reported (its latencies; peak RSS the highest). Start-up is the median of "
        f"{_launches(section)} launches per engine (the timed rounds plus start-up-only "
        "launches), in wall-clock and in CPU seconds; the CPU figure is not inflated by other "
        "work on the machine. "
        "Latency is per `evaluate` / `analyze` call. Peak RSS is the worker's VmHWM. "
        "Start-up is measured from launching the process to its first result (imports, "
        "engine build, first message); import + load excludes the interpreter and the first "
        "message.",
        "",
    ]
    parts += _engines(section["engines"]) + _per_kind(section.get("per_kind_us", {}))
    parts += _quality(section.get("quality", {}))
    parts += [f"- {note}" for note in section.get("notes", [])]
    return [*parts, ""]


def _engines(engines: dict[str, Any]) -> list[str]:
    rows = []
    for name, e in engines.items():
        if "error" in e:
            rows.append((_ENGINE_NAMES[name], "error: " + e["error"], *[""] * 9))
            continue
        rows.append((_ENGINE_NAMES[name], f"{e['messages_per_s']:,.0f}",
                     f"{e['messages_per_cpu_s']:,.0f}", f"{e['p50_ms']:.3f}",
                     f"{e['p99_ms']:.3f}", f"{e['p99_cpu_ms']:.3f}", f"{e['max_ms']:.1f}",
                     f"{e['peak_rss_mib']:.0f}", f"{e['import_load_s']:.2f}",
                     f"{e['startup_s']:.2f}", _seconds(e.get("startup_cpu_s"))))
    header = ("engine", "messages/s", "messages/CPU-s", "p50 ms", "p99 ms", "p99 CPU ms",
              "max ms", "peak RSS MiB", "import + load s", "start-up to first result s",
              "start-up CPU s")
    return ["### Engines", "", markdown_table(header, rows), ""]


def _launches(section: dict[str, Any]) -> str:
    """How many launches each engine's start-up median is taken over ("several" if unknown)."""
    counts = {e.get("startup_launches") for e in section["engines"].values() if "error" not in e}
    counts.discard(None)
    return str(counts.pop()) if len(counts) == 1 else "several"


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _per_kind(per_kind: dict[str, dict[str, float]]) -> list[str]:
    names = [n for n in ("wardwatch", "presidio") if n in per_kind]
    if not names:
        return []
    kinds = sorted(per_kind[names[0]])
    rows = [(kind, *(f"{per_kind[n][kind]:.0f}" for n in names)) for kind in kinds]
    return ["### Mean cost per message kind (µs)", "",
            markdown_table(("kind", *names), rows), ""]


def _quality(quality: dict[str, Any]) -> list[str]:
    if not quality:
        return []
    entities = {k: v for k, v in quality["entities"].items() if not k.startswith("_")}
    if "_all" in quality["entities"]:
        entities["all labelled values"] = quality["entities"]["_all"]
    names = [n for n in ("wardwatch", "presidio") if any(n in row for row in entities.values())]
    rows = [(subset, str(row["labelled"]), *(_share(row.get(n, 0), row["labelled"])
                                             for n in names))
            for subset, row in entities.items()]
    parts = ["### Labelled values found", "",
             "A labelled value is found when a personal-data span the engine reports overlaps "
             "it (any entity type). Presidio is run with its defaults (score threshold 0).", "",
             markdown_table(("subset", "labelled", *names), rows), ""]
    disguises = quality.get("disguises", {})
    if disguises:
        rows = [(variant, str(row["labelled"]), *(_share(row.get(n, 0), row["labelled"])
                                                  for n in names))
                for variant, row in disguises.items()]
        parts += ["### Disguised structured identifiers, per disguise", "",
                  markdown_table(("disguise", "labelled", *names), rows), ""]
    return parts + _rates(quality.get("rates", {}), quality)


def _share(hits: int, total: int) -> str:
    return f"{hits} ({hits / total:.1%})" if total else "–"


def _rates(rates: dict[str, Any], quality: dict[str, Any]) -> list[str]:
    if not rates:
        return []
    labels = {
        "gift_recall": "generated gift messages flagged as gift",
        "advice_recall": "generated advice messages flagged as advice",
        "ad_recall": "generated ads flagged as off-topic",
        "gift_false_friends_flagged": "gift false friends (红包 bump, 转氨酶…) flagged as gift",
        "ordinary_chat_flagged": "generated ordinary chat flagged (personal data, gift, ad)",
        "consultation_false_flags": "real consultation turns flagged (personal data, gift, ad)",
    }
    rows = [(text, f"{rates[key]['flagged']} / {rates[key]['messages']}",
             f"{rates[key]['rate']:.2%}") for key, text in labels.items()]
    for category, rate in rates.get("consultation_by_category", {}).items():
        rows.append((f"real consultation turns flagged as {category}",
                     f"{rate['flagged']} / {rate['messages']}", f"{rate['rate']:.2%}"))
    presidio = quality.get("presidio_consultation_flag_rate")
    if presidio:
        rows.append(("Presidio: real consultation turns with any span",
                     f"{presidio['flagged']} / {presidio['messages']}", f"{presidio['rate']:.2%}"))
    return ["### Message-level rates (WardWatch)", "",
            "Consultation turns mentioning the platform's paid 心意 gift are left out of the "
            "false-flag count (they are real gifts); advice flags on real doctor turns are "
            "listed for information, since those doctors do prescribe online.", "",
            markdown_table(("measure", "count", "rate"), rows), ""]
