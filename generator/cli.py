"""The ``chronicle`` command: a thin shell over the stage functions.

Each subcommand parses its options, calls one library function and prints a
one-line summary of what it read, wrote and skipped, and why.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import pipeline
from .store import DataError, Layout


def _layout(args: argparse.Namespace) -> Layout:
    return Layout(Path(args.root).resolve())


def cmd_ingest(args: argparse.Namespace) -> int:
    skipped = pipeline.report(pipeline.run_ingest(_layout(args), progress=not args.quiet))
    return 1 if skipped and args.strict else 0


def cmd_render(args: argparse.Namespace) -> int:
    return pipeline.report(pipeline.run_render(_layout(args)))


def cmd_build(args: argparse.Namespace) -> int:
    layout = _layout(args)
    skipped = 0
    for report in pipeline.run_all(layout, progress=not args.quiet):
        skipped += pipeline.report(report)
    # one bad article must not stop the site; --strict makes it fail the run
    return 1 if skipped and args.strict else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chronicle", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="project folder holding seeds/, data/ and docs/ (default: .)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when any input was skipped")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, func, help_ in (
        ("ingest", cmd_ingest, "clean the pages under seeds/ into data/generated/articles/"),
        ("render", cmd_render, "write the site's Markdown pages into docs/"),
        ("build", cmd_build, "run every stage, in order"),
    ):
        sub = commands.add_parser(name, help=help_, description=help_)
        sub.set_defaults(func=func)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except DataError as err:
        print(f"chronicle {args.command}: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
