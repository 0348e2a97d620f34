"""What every benchmark section shares: formatting, tables and the report, the machine, child
processes with a time limit, and the RESULTS.md file."""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import platform
import resource
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

#: From this size on, each heavy step runs once (a 10 M load or validation takes minutes).
LARGE = 5_000_000
ROOT = Path(__file__).resolve().parent.parent


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def label(n: int) -> str:
    """10000 → 10k, 1000000 → 1m (the names used on the command line)."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def ms(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:  # NaN: not measured
        return "–"
    return f"{seconds * 1000:,.1f}"


def secs(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:
        return "–"
    return f"{seconds:,.2f}"


@dataclass
class Table:
    """A titled table, printed as text and written as Markdown."""

    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [f"### {self.title}", "", "| " + " | ".join(self.header) + " |",
                 "|" + "|".join("---" for _ in self.header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        lines += [""] + [f"- {note}" for note in self.notes]
        return "\n".join(lines).rstrip() + "\n"

    def text(self) -> str:
        widths = [max(len(str(c)) for c in col) for col in zip(self.header, *self.rows,
                                                                 strict=False)]
        out = [f"\n== {self.title}"]
        for row in [self.header, *self.rows]:
            out.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)))
        out += [f"  * {note}" for note in self.notes]
        return "\n".join(out)


class Report:
    """Tables in order; each printed as soon as it is complete, all written at the end."""

    def __init__(self) -> None:
        self.tables: list[Table] = []
        self.targets: list[tuple[str, str, str]] = []
        #: size → steps that finished at that size (for the "everything completes" target)
        self.done: dict[int, set[str]] = {}

    def completed(self, size: int, step: str) -> None:
        self.done.setdefault(size, set()).add(step)

    def add(self, table: Table) -> None:
        self.tables.append(table)
        print(table.text(), flush=True)

    def target(self, name: str, verdict: bool | None, detail: str) -> None:
        mark = {True: "met", False: "**missed**", None: "not measured"}[verdict]
        self.targets.append((name, mark, detail))
        print(f"TARGET {name}: {mark} — {detail}", flush=True)


def machine() -> list[str]:
    """What the figures were measured on (they mean little without it)."""
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = float("nan")
    versions = []
    for dist in ("pyoxigraph", "rdflib", "pyshacl", "flask", "waitress", "requests"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{dist} {metadata.version(dist)}")
    return [
        f"date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"machine: {os.cpu_count()} cores, {mem:.0f} GiB memory, {platform.system()} "
        f"{platform.machine()} (shared, noisy: compare ratios, not absolute times)",
        f"Python {platform.python_version()}; " + ", ".join(versions),
    ]


def peak_rss_mib() -> float:
    """Peak resident memory of this process, in MiB.

    Read from /proc (VmHWM) where there is one: ``getrusage``'s ru_maxrss survives ``exec``, so
    in a child started by multiprocessing's spawn (fork + exec) it would report the parent's
    peak, not the step's. VmHWM belongs to the new address space and starts afresh.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(target: Callable[..., object], args: tuple[object, ...],
              timeout: float) -> tuple[str, object]:
    """Run ``target(*args)`` in a fresh process; ("ok", result), ("timeout", None) or error.

    A fresh process per measurement gives each its own peak memory and lets a runaway
    (pyshacl, rdflib) be killed at the time limit instead of stalling the whole benchmark.
    """
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child_main, args=(child, target, args), daemon=True)
    proc.start()
    child.close()
    try:
        if parent.poll(timeout):
            status, value = parent.recv()
            return str(status), value
        return "timeout", None
    except EOFError:
        return "error", f"child exited with {proc.exitcode}"
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(10)
        parent.close()


def _child_main(conn: object, target: Callable[..., object], args: tuple[object, ...]) -> None:
    try:
        result = target(*args)
        conn.send(("ok", result))  # type: ignore[attr-defined]
    except Exception as err:  # reported in the table, not raised: one failure must not stop all
        conn.send(("error", f"{type(err).__name__}: {err}"))  # type: ignore[attr-defined]


def kept_build(description: str) -> tuple[argparse.Namespace, Path]:
    """The command line of a benchmark over a kept build (BUILD_DIR, --runs) and the folder of
    its current release's store; without one, an exit that says how to build it."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("build_dir", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    store = args.build_dir / "current" / "store"
    if not store.is_dir():
        sys.exit(f"{store}: no current release there; build one first (bench/build_un.py "
                 "--build-dir DIR, or mandate-graph build --build-dir DIR)")
    return args, store


def command_options(argv: list[str] | None = None) -> str:
    """The options the script was run with, less the ones naming local folders."""
    args = list(sys.argv[1:] if argv is None else argv)
    kept: list[str] = []
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
        elif arg in {"--work", "--output"}:
            skip_next = True
        elif not arg.startswith(("--work=", "--output=")):
            kept.append(arg)
    return " ".join(kept)


INCLUDED_MARK = "Targets of separate runs, repeated from their results files (`--include`):"


def included_targets(path: Path) -> list[str]:
    """The targets of a results file written by a separate run (a step too long to share one
    run with the others: plain pyshacl at 1M, the 10M run), with its command and date, so that
    RESULTS.md shows every target in one table; its figures stay in that file."""
    text = path.read_text(encoding="utf-8").splitlines()
    shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path.name
    command = next((line for line in text if line.startswith("Command:")), "Command: unknown")
    date = next((line for line in text if line.startswith("- date:")), "- date: unknown")
    start = text.index("## Targets") if "## Targets" in text else len(text)
    end = text.index("## Figures") if "## Figures" in text else len(text)
    rows = [line for line in text[start:end] if line.startswith("| ")
            and not line.startswith("| target |")]
    return [f"From [{shown}]({path.name}) — {command[len('Command: '):]}, "
            f"{date[len('- date: '):]} (its figures are in that file):", "",
            "| target | verdict | detail |", "|---|---|---|", *rows]


def write_results(path: Path, report: Report, args: argparse.Namespace, gen: Table) -> None:
    lines = ["# Benchmark results", "",
             "Written by `bench/run.py` (do not edit by hand); see bench/README.md for what each "
             "figure means.", "",
             f"Command: `.venv/bin/python bench/run.py {args.command}`", ""]
    lines += [f"- {line}" for line in machine()]
    lines += ["", "## Targets", "", "| target | verdict | detail |", "|---|---|---|"]
    lines += [f"| {n} | {v} | {d} |" for n, v, d in report.targets]
    lines += included_section(args.include or [])
    lines += ["", "## Figures", ""]
    for table in [gen, *report.tables]:
        lines.append(table.markdown())
    path.write_text("\n".join(lines), encoding="utf-8")


def included_section(paths: list[Path]) -> list[str]:
    """The marker, then the targets of each separately run file (nothing when there is none)."""
    lines = ["", INCLUDED_MARK]
    for included in paths:
        lines += ["", *included_targets(included)]
    return lines if paths else []


def refresh_included(path: Path, paths: list[Path]) -> None:
    """Rewrite only the repeated targets of separate runs in a results file, from those files as
    they are now: the 1M pyshacl run may end long after the main run has written its file."""
    original = path.read_text(encoding="utf-8")
    text = original.splitlines()
    figures = text.index("## Figures")
    end = text.index(INCLUDED_MARK) - 1 if INCLUDED_MARK in text else figures - 1
    kept = text[:end]
    while kept and not kept[-1]:
        kept.pop()
    ending = "\n" if original.endswith("\n") else ""
    path.write_text("\n".join([*kept, *included_section(paths), "", *text[figures:]]) + ending,
                    encoding="utf-8")
