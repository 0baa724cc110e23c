"""`make bench`: time the generator on synthetic corpora of 100, 1,000 and 10,000 pages.

For each size N (``BENCH_SIZES=100,1000`` or ``--sizes`` to choose) a project is
made in a temporary folder, as ``tests/sitebuild.make_project`` makes one (the
editors' data/, docs/ and mkdocs.yml of this repository), with the pages of
:mod:`benchmarks.corpus` as its seeds. Then, each in a fresh process so that
peak memory is per N:

1. a cold build (no cache), timing every stage (articles per second) and
   taking the peak resident memory of the build process and of its workers,
   and the peak of their summed proportional set size (sampled from /proc:
   memory that forked workers share with the build process is counted once);
2. ``mkdocs build`` of the resulting site (for N up to ``BENCH_MKDOCS_MAX``,
   default 1,000: a 10,000-article site takes long to build);
3. ``chronicle build`` again with nothing changed, then after one changed
   page: the time to reach MkDocs, and how many records each stage rewrote.

The results go to ``benchmarks/results-<date>.json`` and
``benchmarks/RESULTS.md``, and the table is printed. ``--profile N`` runs one
cold build of size N under cProfile (with ``CHRONICLE_WORKERS=1``, so the
extraction is in the profile) and prints the functions with most cumulative
time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
DEFAULT_SIZES = (100, 1000, 10000)
TARGETS = {
    "generator_seconds_10000": 30.0,
    "generator_peak_mb_10000": 1024.0,
    "ratio_10000_1000": 11.0,
    "mkdocs_seconds_per_language_1000": 20.0,
    "incremental_seconds": 2.0,
}


# --------------------------------------------------------------------------
# The project.


def make_bench_project(folder: Path, n: int, seed: int = 7) -> dict:
    """A project like the repository's with ``n`` synthetic pages as its seeds."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import generate
    from tests.sitebuild import make_project

    layout = make_project(folder, copy_seeds=False)
    # the repository's registry names the five real seeds, which are not here
    (layout.data / "sources.yaml").write_text("sources: {}\n", encoding="utf-8")
    pages = generate(n, seed)
    size = 0
    for page in pages:
        data = page.text.encode("utf-8")
        (layout.seeds / page.name).write_bytes(data)
        size += len(data)
    return {
        "pages": len(pages),
        "events_told": len({p.event for p in pages}),
        "vi": sum(p.language == "vi" for p in pages),
        "html": sum(p.name.endswith(".html") for p in pages),
        "megabytes": round(size / 1e6, 2),
    }


# --------------------------------------------------------------------------
# One cold build, in its own process (``--stages``).


def _peak_mb(who: int) -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    value = resource.getrusage(who).ru_maxrss
    return round(value / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_stages(project: Path) -> dict:
    """Every stage of ``chronicle build`` in this process, each timed."""
    started = time.perf_counter()
    from generator import pipeline
    from generator.store import Layout

    imported = time.perf_counter() - started
    layout = Layout(project)
    stages = []
    reports = pipeline.run_all(layout)
    while True:
        t = time.perf_counter()
        cpu = _cpu_seconds()
        try:
            report = next(reports)
        except StopIteration:
            break
        except Exception as err:  # a stage another engineer is changing may fail: say so, go on
            stages.append({"stage": "failed", "seconds": round(time.perf_counter() - t, 3),
                           "error": f"{type(err).__name__}: {err}"[:300]})
            break
        stages.append({
            "stage": report.stage,
            "seconds": round(time.perf_counter() - t, 3),
            # CPU time of this process and of the workers it waited for: cores used = cpu / seconds
            "cpu_seconds": round(_cpu_seconds() - cpu, 3),
            "read": report.read,
            "written": report.written,
            "unchanged": report.unchanged,
            "errors": len(report.errors),
        })
    return {
        "import_seconds": round(imported, 3),
        "stages": stages,
        "peak_mb": _peak_mb(resource.RUSAGE_SELF),
        "workers_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN),
        "workers": __import__("generator.incremental", fromlist=["worker_count"]).worker_count(),
    }


# --------------------------------------------------------------------------
# Driving one size.


def _python() -> str:
    return sys.executable


def _tool(name: str) -> str:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def _descendants(pid: int) -> list[int]:
    """pid and every process under it (from /proc: Linux only)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def _pss_mb(pids: list[int]) -> float:
    """The proportional set size of the processes, summed: memory shared by forked workers is
    counted once (resident sizes would count it in each of them)."""
    total_kb = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
                    break
        except (OSError, ValueError):
            continue
    return total_kb / 1024


def _subprocess_json(args: list[str], env: dict | None = None) -> dict:
    """Run a build, sampling the memory of its process tree; its JSON answer, with "peak_pss_mb"."""
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        process = subprocess.Popen(args, stdout=out, stderr=err, text=True, env=env, cwd=ROOT)
        peak = 0.0
        while process.poll() is None:
            if Path("/proc").is_dir():
                peak = max(peak, _pss_mb(_descendants(process.pid)))
            time.sleep(0.1)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{err.read()[-3000:]}")
        result = json.loads(out.read().strip().splitlines()[-1])
    result["peak_pss_mb"] = round(peak, 1) if peak else None
    return result


def _timed(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - t, out


def _rewritten_since(folder: Path, since: float) -> int:
    if not folder.exists():
        return 0
    return sum(1 for p in folder.rglob("*") if p.is_file() and p.stat().st_mtime >= since)


# Edits of one article's text: a typo fixed in a sentence that tells no event, and a
# sentence that tells an event rewritten (a phone call becomes a meeting).
EDITS = {
    "text": (("Giới phân tích nhận định", "Giới phân tích quốc tế nhận định"),
             ("Analysts said the recent contacts", "Independent analysts said the recent contacts")),
    "event": (("đã điện đàm với", "đã có cuộc gặp với"), ("held a phone call with", "met")),
}


def change_one_page(seeds: Path, kind: str = "text") -> str:
    """Edit one sentence of the article's text in one page, as an editor would (:data:`EDITS`).

    The page nearest the middle whose text has a sentence to edit: an edit outside the
    article (after the closing tag of an HTML page) would change no record and measure
    nothing but the checks.
    """
    pages = sorted(seeds.iterdir())
    middle = len(pages) // 2
    for _, page in sorted((abs(i - middle), page) for i, page in enumerate(pages)):
        text = page.read_text(encoding="utf-8")
        for old, new in EDITS[kind]:
            if old in text:
                page.write_text(text.replace(old, new, 1), encoding="utf-8")
                return page.name
    page = pages[middle]
    page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + "\n\nEdited by the benchmark.\n", encoding="utf-8")
    return page.name


def bench_size(n: int, mkdocs_max: int, keep: bool) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"chronicle-bench-{n}-"))
    try:
        result: dict = {"n": n}
        t = time.perf_counter()
        result["corpus"] = make_bench_project(folder, n)
        result["corpus"]["seconds"] = round(time.perf_counter() - t, 2)
        print(f"[bench] N={n}: corpus written ({result['corpus']['megabytes']} MB); cold build...", file=sys.stderr, flush=True)

        cold = _subprocess_json([_python(), "-m", "benchmarks.run", "--stages", str(folder)])
        result.update(cold)
        generator_seconds = sum(s["seconds"] for s in cold["stages"])
        result["generator_seconds"] = round(generator_seconds, 2)
        for stage in cold["stages"]:
            stage["articles_per_second"] = round(n / stage["seconds"], 1) if stage["seconds"] else None
            if stage.get("cpu_seconds") is not None and stage["seconds"]:
                stage["cores_used"] = round(stage["cpu_seconds"] / stage["seconds"], 2)
        events = folder / "data" / "generated" / "events"
        result["events"] = len(list(events.glob("*.yaml"))) if events.exists() else 0

        docs_pages = folder / "docs" / ".generated-pages"
        result["docs_pages"] = len(docs_pages.read_text(encoding="utf-8").split()) if docs_pages.exists() else None
        if n <= mkdocs_max and not any(s["stage"] == "failed" for s in cold["stages"]):
            print(f"[bench] N={n}: mkdocs build...", file=sys.stderr, flush=True)
            seconds, out = _timed([_tool("mkdocs"), "build", "--quiet", "--site-dir", str(folder / "site")], folder)
            from generator import i18n

            languages = len(getattr(i18n, "LANGUAGES", ("en",)))
            result["mkdocs"] = {
                "seconds": round(seconds, 2),
                "languages": languages,
                "seconds_per_language": round(seconds / languages, 2),
                "ok": out.returncode == 0,
                "error": out.stderr[-500:] if out.returncode else None,
            }
        else:
            result["mkdocs"] = None

        print(f"[bench] N={n}: incremental builds...", file=sys.stderr, flush=True)
        chronicle = [_tool("chronicle"), "-q", "build"]
        seconds, out = _timed(chronicle, folder)
        result["rebuild_unchanged_seconds"] = round(seconds, 2)
        generated = folder / "data" / "generated"
        for kind, name in (("text", "rebuild_one_changed"), ("event", "rebuild_one_event_changed")):
            changed = change_one_page(folder / "seeds", kind)
            time.sleep(0.05)  # so that files written next have a later mtime than anything before
            since = time.time()
            seconds, out = _timed(chronicle, folder)
            result[name] = {
                "page": changed,
                "edit": kind,
                "seconds": round(seconds, 2),
                "ok": out.returncode == 0,
                "articles_rewritten": _rewritten_since(generated / "articles", since),
                "extractions_redone": _rewritten_since(generated / "cache" / "extract", since),
                "events_rewritten": _rewritten_since(generated / "events", since),
                "pages_rewritten": _rewritten_since(folder / "docs", since),
                "summary": out.stdout.strip().splitlines(),
            }
        return result
    finally:
        if keep:
            print(f"[bench] N={n}: project kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def profile_size(n: int, top: int = 25) -> Path:
    """One cold build of size n under cProfile, in one process; prints the top functions."""
    folder = Path(tempfile.mkdtemp(prefix=f"chronicle-profile-{n}-"))
    out = BENCH / f"profile-{n}.prof"
    try:
        make_bench_project(folder, n)
        subprocess.run([_python(), "-m", "cProfile", "-o", str(out), "-m", "benchmarks.run", "--stages", str(folder)],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env={**os.environ, "CHRONICLE_WORKERS": "1"})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(top)
    return out


# --------------------------------------------------------------------------
# Reporting.


def machine() -> dict:
    from generator.incremental import worker_count

    try:
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        memory_gb = None
    return {
        "cpus": os.cpu_count(),
        "workers": worker_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def summarise(results: list[dict]) -> dict:
    by_n = {r["n"]: r for r in results}
    summary: dict = {}
    if 1000 in by_n and 10000 in by_n and by_n[1000]["generator_seconds"]:
        summary["ratio_10000_1000"] = round(by_n[10000]["generator_seconds"] / by_n[1000]["generator_seconds"], 2)
    checks = {}
    if 10000 in by_n:
        big = by_n[10000]
        checks["generator_seconds_10000"] = big["generator_seconds"]
        # the sampled total of the process tree when there is one; else the sum of resident peaks,
        # which counts the memory forked workers share with the main process several times
        checks["generator_peak_mb_10000"] = big.get("peak_pss_mb") or \
            big["peak_mb"] + big["workers"] * big["workers_peak_mb"]
    if "ratio_10000_1000" in summary:
        checks["ratio_10000_1000"] = summary["ratio_10000_1000"]
    if 1000 in by_n and by_n[1000].get("mkdocs"):
        checks["mkdocs_seconds_per_language_1000"] = by_n[1000]["mkdocs"]["seconds_per_language"]
    largest = by_n[max(by_n)]
    # the slower of the two edits: a typo, and a sentence that tells an event
    checks["incremental_seconds"] = max(largest[k]["seconds"] for k in ("rebuild_one_changed", "rebuild_one_event_changed")
                                        if k in largest)
    summary["targets"] = {
        name: {"value": value, "target": TARGETS[name], "met": value <= TARGETS[name]} for name, value in checks.items()
    }
    return summary


def table(results: list[dict], summary: dict, info: dict) -> str:
    stage_names: list[str] = []
    for r in results:
        for s in r["stages"]:
            if s["stage"] not in stage_names:
                stage_names.append(s["stage"])
    head = ["N", "events", *(f"{s} (art./s)" for s in stage_names), "generator s", "peak MB: all processes (main; each worker)",
            "MkDocs s (per language)", "rebuild, none changed s", "rebuild, 1 article: typo s",
            "rebuild, 1 article: an event changed s"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        stages = {s["stage"]: s for s in r["stages"]}
        cells = [f"{r['n']:,}", f"{r['events']:,}"]
        for name in stage_names:
            s = stages.get(name)
            cells.append("—" if s is None else f"{s['seconds']:.2f} s ({s['articles_per_second']:,.0f})")
        cells.append(f"{r['generator_seconds']:.1f}")
        total = f"{r['peak_pss_mb']:.0f}" if r.get("peak_pss_mb") else "?"
        cells.append(f"{total} ({r['peak_mb']:.0f}; {r['workers_peak_mb']:.0f})")
        mk = r.get("mkdocs")
        cells.append(f"{mk['seconds']:.1f} ({mk['seconds_per_language']:.1f})" if mk else "not run")
        cells.append(f"{r['rebuild_unchanged_seconds']:.2f}")
        for key in ("rebuild_one_changed", "rebuild_one_event_changed"):
            one = r.get(key)
            cells.append("—" if one is None else
                         f"{one['seconds']:.2f} ({one['articles_rewritten']} article, {one['extractions_redone']} extraction, "
                         f"{one.get('events_rewritten', '?')} events, {one.get('pages_rewritten', '?')} pages written)")
        lines.append("| " + " | ".join(cells) + " |")
    out = ["\n".join(lines), ""]
    for r in results:
        cores = {s["stage"]: s.get("cores_used") for s in r["stages"]}
        if cores.get("extract") is not None:
            out.append(f"At {r['n']:,} articles, extract used {cores['extract']} cores and ingest {cores.get('ingest')} "
                       f"(CPU time / wall time; {r['workers']} workers).")
    if "ratio_10000_1000" in summary:
        out.append(f"Time ratio 10,000 / 1,000 articles: {summary['ratio_10000_1000']} (linear would be 10).")
    for name, check in summary.get("targets", {}).items():
        out.append(f"- {name}: {check['value']} (target ≤ {check['target']}) — {'met' if check['met'] else 'NOT met'}")
    out.append("")
    out.append(f"Machine: {info['cpus']} CPUs ({info['workers']} workers), {info['memory_gb']} GB, "
               f"Python {info['python']}, {info['platform']}.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", ",".join(map(str, DEFAULT_SIZES))),
                        help="comma-separated corpus sizes (default: BENCH_SIZES or %(default)s)")
    parser.add_argument("--mkdocs-max", type=int, default=int(os.environ.get("BENCH_MKDOCS_MAX", "1000")),
                        help="build the MkDocs site only up to this many articles (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--out", default=str(BENCH), help="folder for results-<date>.json and RESULTS.md")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one cold build of N pages instead")
    parser.add_argument("--stages", metavar="PROJECT", help=argparse.SUPPRESS)  # internal: one cold build
    args = parser.parse_args(argv)

    if args.stages:
        print(json.dumps(run_stages(Path(args.stages))))
        return 0
    if args.profile:
        profile_size(args.profile)
        return 0

    sizes = [int(s) for s in args.sizes.replace(" ", "").split(",") if s]
    info = machine()
    results = [bench_size(n, args.mkdocs_max, args.keep) for n in sizes]
    summary = summarise(results)
    text = table(results, summary, info)
    print(text)
    if not args.no_write:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        stamp = dt.date.today().isoformat()
        payload = {"date": stamp, "machine": info, "summary": summary, "results": results}
        (out / f"results-{stamp}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (out / "RESULTS.md").write_text(
            f"# Benchmark results ({stamp})\n\nMade by `make bench` (`python -m benchmarks.run`); "
            f"see `benchmarks/run.py` for what is measured.\n\n{text}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
