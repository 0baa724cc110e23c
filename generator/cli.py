"""The ``chronicle`` command: a thin shell over the stage functions.

Each subcommand parses its options, calls one library function and prints a
one-line summary of what it read, wrote and skipped, and why.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import incremental, pipeline
from .store import DataError, Layout


def _layout(args: argparse.Namespace) -> Layout:
    return Layout(Path(args.root).resolve())


def cmd_ingest(args: argparse.Namespace) -> int:
    skipped = pipeline.report(pipeline.run_ingest(_layout(args), progress=not args.quiet))
    return 1 if skipped and args.strict else 0


def cmd_extract(args: argparse.Namespace) -> int:
    skipped = pipeline.report(pipeline.run_extract(_layout(args), progress=not args.quiet))
    return 1 if skipped and args.strict else 0


def cmd_curate(args: argparse.Namespace) -> int:
    skipped = pipeline.report(pipeline.run_curate(_layout(args)))
    return 1 if skipped and args.strict else 0


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out).resolve() if args.out else None
    pipeline.report(pipeline.run_export(_layout(args), out))
    return 0


def cmd_translate(args: argparse.Namespace) -> int:
    from . import translate

    layout = _layout(args)
    if args.scaffold:
        name, lang = args.scaffold
        article = translate.find_article(pipeline.load_articles(layout), name)
        quotes = [q for event in pipeline.load_events(layout.events) for q in event.quotes]
        path = translate.write_scaffold(layout, article, lang, quotes)
        print(f"translate: wrote {path.relative_to(layout.root)}: fill each `text`, then set status: reviewed and by:")
        return 0
    run = pipeline.translate_run(layout)
    skipped = pipeline.report(run.report)
    for line in run.lines():
        print(line)
    if run.backend is None and not run.report.errors and not run.pending:
        print(f"  {translate.NO_BACKEND}; 0 units remain 'translation pending'")
    # a dead backend is the command failing at its one job; the build goes on regardless
    return 1 if run.backend_error or (skipped and args.strict) else 0


def cmd_check(args: argparse.Namespace) -> int:
    from .check import check_project

    checked, problems = check_project(_layout(args))
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"check: {checked} files, {len(problems)} problems")
    return 1 if problems else 0


def cmd_eval(args: argparse.Namespace) -> int:
    import yaml

    from .evaluate import evaluate

    layout = _layout(args)
    folder = layout.events if args.curation == "on" else layout.extracted
    events = pipeline.load_events(folder)
    gazetteer, _ = pipeline.load_gazetteer(layout)
    spec_path = Path(args.spec)
    gold = yaml.safe_load(spec_path.read_text(encoding="utf-8"))["seeds"]
    result = evaluate(events, gold, gazetteer, use_editor=args.curation == "on")
    print(f"eval: {spec_path} against {folder.relative_to(layout.root)} (curation {args.curation})")
    print(result.table())
    if args.verbose:
        for line in result.differences:
            print(f"  differs: {line}")
        for line in result.spurious:
            print(f"  not in the gold set: {line}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    return pipeline.report(pipeline.run_render(_layout(args)))


def cmd_build(args: argparse.Namespace) -> int:
    layout = _layout(args)
    skipped = 0
    for report in pipeline.run_all(layout, progress=not args.quiet):
        skipped += pipeline.report(report)
    # one bad article must not stop the site; --strict makes it fail the run
    return 1 if skipped and args.strict else 0


def cmd_site(args: argparse.Namespace) -> int:
    from .build import BuildError, build_site_atomically, mkdocs_build

    layout = _layout(args)
    strict = True if args.strict else None  # without --strict, mkdocs.yml decides

    def build(root: Path, site_dir: Path) -> None:
        mkdocs_build(root, site_dir, strict=strict)

    try:
        site = build_site_atomically(layout.root, build)
    except BuildError as err:
        print(f"site: {err}; the previous site/ is unchanged", file=sys.stderr)
        return 1
    print(f"site built: {site.relative_to(layout.root)}/index.html")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chronicle", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="project folder holding seeds/, data/ and docs/ (default: .)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when any input was skipped (for `site`: when MkDocs warns)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    subs = {}
    for name, func, help_ in (
        ("ingest", cmd_ingest, "clean the pages under seeds/ into data/generated/articles/"),
        ("extract", cmd_extract, "find the events of the articles into data/generated/extracted/"),
        ("curate", cmd_curate, "apply the editors' files of data/curated/ into data/generated/events/"),
        ("translate", cmd_translate, "machine-translate what no editor has into data/generated/translations/"),
        ("export", cmd_export, "write events.json (default data/generated/events.json)"),
        ("render", cmd_render, "write the site's Markdown pages into docs/"),
        ("build", cmd_build, "run every stage, in order"),
        ("site", cmd_site, "build docs/ into site/ with MkDocs; a failed build leaves site/ as it was "
                           "(--strict: any MkDocs warning fails it)"),
        ("check", cmd_check, "validate every YAML file against its JSON Schema"),
        ("eval", cmd_eval, "compare the extracted events with an editor's gold set"),
    ):
        subs[name] = commands.add_parser(name, help=help_, description=help_)
        subs[name].set_defaults(func=func)
    subs["export"].add_argument("--out", help="where to write events.json")
    subs["translate"].add_argument("--scaffold", nargs=2, metavar=("ARTICLE", "LANG"),
                                   help="write data/translations/ARTICLE.LANG.yaml with hashes and empty texts, "
                                        "for an editor to fill (never overwrites)")
    subs["eval"].add_argument("--spec", default="tests/spec/seed-expectations.yaml", help="the gold set (default: %(default)s)")
    subs["eval"].add_argument("--curation", choices=("off", "on"), default="off",
                              help="off: the extractor alone; on: with the editors' files (default: %(default)s)")
    subs["eval"].add_argument("-v", "--verbose", action="store_true", help="list every difference")
    args = parser.parse_args(argv)
    try:
        with incremental.fewer_collections():
            return args.func(args)
    except DataError as err:
        print(f"chronicle {args.command}: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
