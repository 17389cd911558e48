"""`wardwatch rules test|lint [PACK...]`: run every rule example, or check the rule files.

PACK is a bundled pack name (cn-healthcare), a directory or one rule file; the default is the
packs in the config file when given, else cn-healthcare. Exit 0 when clean, 1 on a failing
example or a lint problem, 2 when the packs cannot be loaded at all.
"""

from __future__ import annotations

import argparse
import sys

HELP = "测试或检查规则包 / test or lint rule packs"
EXIT_OK, EXIT_FAILED, EXIT_UNLOADABLE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`test` or `lint`, then optional packs."""
    parser.add_argument("action", choices=["test", "lint"],
                        help="test 运行示例 / run examples; lint 检查规则 / check rule files")
    parser.add_argument("packs", nargs="*", metavar="PACK",
                        help="规则包名称、目录或单个规则文件 / pack name, directory or one rule "
                             "file (default cn-healthcare)")
    parser.add_argument("--config", help="配置文件 / config file (rules.packs)")
    parser.add_argument("-q", "--quiet", action="store_true", help="只显示失败 / failures only")


def _packs(args: argparse.Namespace) -> list[str]:
    if args.packs:
        return list(args.packs)
    if args.config:
        from bot.config import load_settings

        return list(load_settings(args.config).rules.packs)
    return ["cn-healthcare"]


def _check_overrides(config: str | None, packs: list[str]) -> None:
    """Raise a `RuleError` naming the config file when rules.overrides names no loaded rule."""
    if not config:
        return
    from bot.config import load_settings
    from rules.engine import apply_overrides
    from rules.loader import RuleError, load_rules

    overrides = {rule_id: o.model_dump(exclude_none=True)
                 for rule_id, o in load_settings(config).rules.overrides.items()}
    if not overrides:
        return
    try:
        rules = load_rules(packs)
    except RuleError:
        return  # a broken pack is reported by test / lint themselves
    apply_overrides(rules, overrides, source=config)


def run(args: argparse.Namespace) -> int:
    """Run the chosen action and print one line per problem."""
    from bot.config import ConfigError, error_lines
    from rules.loader import RuleError

    try:
        packs = _packs(args)
        _check_overrides(None if args.packs else args.config, packs)  # the config's own packs
    except (ConfigError, RuleError) as exc:  # RuleError: an override naming no rule
        print(error_lines(exc), file=sys.stderr)
        return EXIT_UNLOADABLE
    if args.action == "test":
        return test_command(packs, args.quiet)
    return lint_command(packs, from_config=bool(args.config and not args.packs))


def lint_command(packs: list[str], *, from_config: bool = False) -> int:
    """Print lint issues, then which packs and how many rules; 1 when there are any issues.

    `from_config`: the packs are the config's, so say when they leave out the default pack.
    """
    from rules.linter import check_packs
    from rules.loader import default_pack_warning, pack_summary

    issues, rules = check_packs(packs)
    for issue in issues:
        print(issue)
    print(pack_summary(packs, rules))
    warning = default_pack_warning(packs) if from_config else None
    if warning:
        print(warning)
    print(f"{len(issues)} 个问题 / issue(s)" if issues else "规则检查通过 / lint clean")
    return EXIT_FAILED if issues else EXIT_OK


def test_command(packs: list[str], quiet: bool = False) -> int:
    """Run every example; print failures with rule id and example; 1 when any fails."""
    from rules.lexicon import LEXICON_DIR, load_lexicons
    from rules.loader import RuleError, load_rules
    from rules.tester import GAP_CLOSED, run_examples

    lexicons = load_lexicons(LEXICON_DIR)  # load_rules adds the packs' own lists
    try:
        rules = load_rules(packs, lexicons)
    except RuleError as exc:
        print(exc, file=sys.stderr)
        return EXIT_UNLOADABLE
    results = run_examples(rules, lexicons=lexicons)
    failed = [r for r in results if not r.passed]
    for result in results:
        if not result.passed:
            print(f"失败 / FAIL {result.label}: {result.detail}\n     {result.example.text!r}")
        elif not quiet and result.detail == GAP_CLOSED:
            print(f"待办 / TODO {result.label}: {result.detail}")
    print(f"{len(results) - len(failed)}/{len(results)} 个示例通过 / examples passed "
          f"({len(rules)} 条规则 / rules)")
    return EXIT_FAILED if failed else EXIT_OK
