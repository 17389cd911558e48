"""Example budgets for the fuzz tests: small on every CI run, larger on demand.

`WARDWATCH_FUZZ_SCALE=20 pytest tests/fuzz` runs twenty times the examples (a nightly or a
hunt after a change to a parser); the default keeps the whole folder under a minute.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("WARDWATCH_FUZZ_SCALE", "1") or "1"))


def budget(examples: int) -> settings:
    """Hypothesis settings for `examples` cases (times the scale), no deadline."""
    return settings(max_examples=examples * SCALE, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])
