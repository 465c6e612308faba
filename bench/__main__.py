"""``python -m bench``: build a dataset, serve it, run scenarios, print ratios to ``bare``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.harness import (
    DEFAULT_DOSSIERS,
    DEFAULT_OUT,
    DEFAULT_PG_URL,
    BenchError,
    Config,
    had_failures,
    run,
)
from bench.scenarios import REGISTRY


def _positive(kind, *, zero: bool = False):
    def parse(text: str):
        try:
            value = kind(text.replace("_", ""))
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"not a number: {text}") from exc
        if value < 0 or (value == 0 and not zero):
            raise argparse.ArgumentTypeError(f"must be positive, got {text}")
        return value

    return parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark xaso over HTTP against the real server; every scenario is "
        "reported as a ratio to the bare endpoint measured in the same run.",
    )
    parser.add_argument(
        "--scale",
        choices=["commune", "province"],
        default="commune",
        help="dataset: commune = Long Hẹ; province = 75 communes (default %(default)s)",
    )
    parser.add_argument(
        "--dossiers",
        type=_positive(int, zero=True),
        default=DEFAULT_DOSSIERS,
        metavar="N",
        help="synthetic dossiers of the 75 service centers at province scale, in all "
        "(default %(default)s; Long Hẹ's 99 demo dossiers come on top)",
    )
    parser.add_argument(
        "--scenarios",
        default="login,home",
        help="comma-separated scenario names (default %(default)s); "
        "bare is always measured first and last",
    )
    parser.add_argument(
        "--duration",
        type=_positive(float),
        default=5.0,
        help="seconds per scenario (default %(default)s)",
    )
    parser.add_argument(
        "--concurrency",
        type=_positive(int),
        default=4,
        help="client threads, each with its own session (default %(default)s)",
    )
    parser.add_argument(
        "--database",
        choices=["sqlite", "postgres", "both"],
        default="sqlite",
        help="default %(default)s",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="JSON results file (default bench/results/latest.json)",
    )
    parser.add_argument(
        "--pg-url",
        default=DEFAULT_PG_URL,
        help="PostgreSQL database to create, use and drop (default %(default)s)",
    )
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = parser.parse_args(argv)

    if args.list:
        width = max(len(name) for name in REGISTRY) + 2
        for sc in REGISTRY.values():
            who = f" [as {sc.login_as}]" if sc.login_as else ""
            print(f"{sc.name:<{width}}{sc.description}{who}")
        return 0
    config = Config(
        scale=args.scale,
        scenarios=[s.strip() for s in args.scenarios.split(",") if s.strip()],
        duration=args.duration,
        concurrency=args.concurrency,
        databases=["sqlite", "postgres"] if args.database == "both" else [args.database],
        out=args.out,
        pg_url=args.pg_url,
        dossiers=args.dossiers,
    )
    try:
        results = run(config)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    if had_failures(results):
        print("bench: some iterations failed (see FAILED lines above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
