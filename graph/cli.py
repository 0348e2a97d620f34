"""The `mandate-graph` command: a thin click group over the pipeline, the store and the server.

Exit codes, for every subcommand: 0 success; 1 the data does not conform (validation);
2 usage or input error (a bad argument, an unreadable file, a malformed query). The commands
over releases (dump, diff, releases) live in :mod:`graph.cli_releases`, the options several
commands share in :mod:`graph.cli_common`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph import cli_releases
from graph.build import build as run_build
from graph.build import default_sources, text_sources
from graph.cli_common import (
    CURRENT_STORE,
    EXIT_INPUT,
    EXIT_NONCONFORMING,
    InputError,
    base_option,
    build_dir_option,
    folder_option,
    format_option,
    output_option,
    store_option,
    write_output,
)
from graph.config import data_base
from graph.sources import DOCUMENT_SUFFIXES

__all__ = ["InputError", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Mandate Graph: build, check, query and serve a graph of intergovernmental mandates."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@build_dir_option("Where releases are written; build/current is the served one.")
@base_option
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Documents extracted in parallel processes.",
)
@click.option(
    "--add",
    "add_files",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Your own RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD): its default graph "
    "goes to graph/user/<name>, its named graphs keep their IRIs; validated first (repeat for "
    "several files).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Build a new release even when the inputs (documents, code, options) are those of the "
    "current one.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail the build (exit 2, the previous graph still served) if any file is unreadable, "
    "instead of skipping it and naming it.",
)
def build(
    paths: tuple[Path, ...], build_dir: Path, base: str | None, jobs: int,
    add_files: tuple[Path, ...], strict: bool, force: bool,
) -> None:
    """Build the graph from PATHS (files, folders or archives of documents: .zip, .tar.*;
    default: the shipped corpus)."""
    sources = _expand(paths) if paths else default_sources()
    missing = [str(p) for p in add_files if not p.is_file()]
    if missing:
        raise InputError(f"{', '.join(missing)}: no such file (--add)")
    report = run_build(
        sources, build_dir=build_dir, base=base or data_base(), jobs=jobs, add=add_files,
        strict=strict, skip_unchanged=not force,
    )
    if report.unchanged and report.release is not None:
        click.echo(f"nothing changed: {report.release.name} is current "
                   f"({len(report.documents)} documents; --force builds anew)")
        return
    for message in report.errors:
        click.echo(f"error: {message}", err=True)
    if report.ignored:
        click.echo(f"ignored {len(report.ignored)} files the graph does not read: archive "
                   "members that are no documents, versions in other languages (listed in the "
                   "release's release.json)", err=True)
    if report.skipped and not strict:
        click.echo(f"skipped {len(report.skipped)} unreadable files (named in the release's "
                   "provenance; --strict makes them errors):", err=True)
        for message in report.skipped:
            click.echo(f"  {message}", err=True)
    if report.rejection and not report.errors:
        click.echo(report.rejection, nl=False)
        click.echo(
            "build refused: the files given with --add bring SHACL violations (above); "
            "the previous graph (if any) is still the current one.",
            err=True,
        )
        sys.exit(EXIT_NONCONFORMING)
    if not report.ok:
        if report.release is not None:
            click.echo(
                f"the {len(report.documents)} readable documents were built into "
                f"{report.release} (partial, not made current).",
                err=True,
            )
        click.echo("build failed: the previous graph (if any) is still the current one.", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(
        f"built {report.release.name if report.release else '?'}: "
        f"{len(report.documents)} documents ({report.cached} from the extraction cache), "
        f"{report.quads} quads in {report.seconds:.2f} s"
    )


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    """Files as given; folders as their .txt and .md files, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


@main.command(name="eval")
@click.option(
    "--heldout",
    is_flag=True,
    help="Evaluate on the held-out documents (tests/heldout) instead of the corpus, and the "
    "mandates they state (tied to resolution and organ; --errors stated_mandate lists misses).",
)
@folder_option(
    "--documents", help="Folder of documents to build and evaluate (default: the corpus)."
)
@folder_option("--gold", "gold_dir", help="Folder of gold *.jsonl files (default: tests/gold).")
@click.option(
    "--errors",
    "show_errors",
    default=None,
    metavar="CATEGORY",
    help="Also list the missed and the wrong items of one category.",
)
@click.option(
    "--akn",
    is_flag=True,
    help="Score the graph built from AKN files or archives (AKN_PATHS; default: the shipped UN "
    "slice) against their own markup, the tuning and held-out splits apart.",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Every source of gold in one table, the tuning and held-out splits apart: the corpus "
    "gold, the held-out texts, the AKN markup (AKN_PATHS; default: the shipped UN slice), its "
    "plain-text renderings, and the hand-annotated mandate paragraphs.",
)
@click.argument("akn_paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
def eval_command(
    heldout: bool, documents: Path | None, gold_dir: Path | None, show_errors: str | None,
    akn: bool, everything: bool, akn_paths: tuple[Path, ...],
) -> None:
    """Build the documents in a scratch folder and score extraction against the gold."""
    import tempfile

    if akn_paths and not (akn or everything):
        raise click.UsageError("files are only taken with --akn or --all")
    if everything:
        from graph.build import un_sources
        from graph.evaluate_all import EvalError, all_rows, format_rows

        try:
            rows = all_rows(list(akn_paths) or un_sources(), base=data_base(),
                            progress=lambda message: click.echo(message + " …", err=True))
        except EvalError as err:
            raise InputError(str(err)) from err
        click.echo(format_rows(rows), nl=False)
        return
    if akn:
        from graph.build import un_sources
        from graph.evaluate_akn import run_markup_eval

        paths = list(akn_paths) or un_sources()
        click.echo(run_markup_eval(paths, base=data_base()), nl=False)
        return

    from graph.config import PROJECT_ROOT
    from graph.evaluate import GoldError, categories, evaluate, format_errors, format_scores
    from graph.evaluate_heldout_mandates import CATEGORY as STATED
    from graph.evaluate_heldout_mandates import evaluate_stated, format_outcomes, format_text_scores
    from graph.store import open_store

    if heldout:
        documents = documents or PROJECT_ROOT / "tests" / "heldout"
        gold_dir = gold_dir or PROJECT_ROOT / "tests" / "heldout" / "gold"
    gold_dir = gold_dir or PROJECT_ROOT / "tests" / "gold"
    try:  # checked before the build, which takes a while
        known = categories(gold_dir)
    except GoldError as err:
        raise InputError(str(err)) from err
    if show_errors is not None and show_errors not in known:
        raise click.BadParameter(
            f"no category {show_errors!r}; choose one of: {', '.join(known)}",
            param_hint="'--errors'",
        )
    sources = _expand((documents,)) if documents else text_sources()
    base = data_base()
    with tempfile.TemporaryDirectory(prefix="mandate-graph-eval-") as scratch:
        report = run_build(sources, build_dir=Path(scratch), base=base)
        for message in report.errors:
            click.echo(f"error: {message}", err=True)
        if not report.ok:
            sys.exit(EXIT_INPUT)
        store = open_store(f"oxigraph:{Path(scratch) / 'current' / 'store'}")
        try:
            scores, errors = evaluate(store, gold_dir, base, set(report.documents))
            stated, outcomes = evaluate_stated(store, gold_dir, base, set(report.documents))
        except GoldError as err:
            raise InputError(str(err)) from err
        texts = {d.stem: d.read_text(encoding="utf-8") for d in sources}
    click.echo(format_scores([s for s in scores if s.category != STATED]))
    if stated:  # the mandates the texts state, tied to resolution and organ: a table apart
        click.echo("\n" + format_text_scores(stated), nl=False)
    if show_errors == STATED:
        click.echo(format_outcomes(outcomes, texts))
    elif show_errors is not None:
        click.echo(format_errors(errors, show_errors, texts))


@main.command()
@click.argument("query_text", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(path_type=Path),
    help="Read the query from a .rq file.",
)
@click.option("--named", default=None, help="Run the named query NAME (see /queries).")
@click.option(
    "-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
    help="A named query's parameter: an IRI, or a symbol, acronym or label (repeatable).",
)
@store_option
@format_option("table", "json", "csv", "tsv")
def query(
    query_text: str | None, query_file: Path | None, named: str | None,
    params: tuple[str, ...], store: str | None, fmt: str,
) -> None:
    """Run a SPARQL query (or a named one, with --named) on the built graph; print the results."""
    from graph.query_output import print_results
    from graph.store import StoreError, open_store

    if named is not None:
        from graph.named_cli import run_named

        print_results(run_named(named, params, store or CURRENT_STORE, InputError), fmt)
        return
    if bool(query_text) == bool(query_file):
        raise click.UsageError(
            "give a query either as an argument or with --file, not both or neither"
        )
    if query_file:
        try:
            query_text = query_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"{query_file}: cannot read the query: {err}") from err
    try:
        opened = open_store(store or CURRENT_STORE)
        result = opened.query(query_text or "")
    except StoreError as err:
        raise InputError(str(err)) from err
    except SyntaxError as err:
        raise InputError(f"SPARQL syntax error: {err}") from err
    print_results(result, fmt)


@main.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=None, help="TCP port (default 8000)."
)
@store_option
@click.option("--threads", type=int, default=None, help="WSGI server threads (default 4).")
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None,
    help="Query worker processes (default 2).",
)
@click.option(
    "--query-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
    help="Longest a query may run, in seconds (default 10).",
)
@click.option(
    "--max-rows", type=click.IntRange(1), default=None,
    help="Most rows in one answer (default 10000).",
)
def serve(
    host: str | None,
    port: int | None,
    store: str | None,
    threads: int | None,
    workers: int | None,
    query_timeout: float | None,
    max_rows: int | None,
) -> None:
    """Serve the built graph: SPARQL endpoint at /sparql, ontology at /ontology.

    Every setting of docs/settings.md can also be given as MANDATE_GRAPH_<NAME>.
    """
    import os
    import signal

    from graph.listen import ListenError, listen
    from graph.store import StoreError
    from server import close_app, create_app
    from server.settings import Settings

    if store is None and "MANDATE_GRAPH_STORE" not in os.environ:
        store = CURRENT_STORE
    try:
        settings = Settings.from_env(
            host=host, port=port, threads=threads, store=store, workers=workers,
            query_timeout=query_timeout, max_rows=max_rows,
        )
        app = create_app(settings)
    except (StoreError, ValueError) as err:
        raise InputError(str(err)) from err
    try:  # bound before the query workers start, so that a busy port costs nothing
        server = listen(app, host=settings.host, port=settings.port, threads=settings.threads)
    except ListenError as err:
        close_app(app)
        raise InputError(str(err)) from err
    app.extensions["backend"].start()
    # SIGTERM (a service manager, a test) ends the server like Ctrl-C: workers stopped first.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    click.echo(
        f"serving {settings.store} at http://{settings.host}:{settings.port}/sparql "
        f"({settings.threads} threads, {settings.workers} query workers)",
        err=True,
    )
    try:
        server.run()
    finally:
        close_app(app)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@folder_option(
    "--shapes", "shapes_dir", help="Folder of SHACL shape files (default: the project's shapes/)."
)
@click.option(
    "--fail-on",
    type=click.Choice(["violation", "warning", "info"]),
    default="violation",
    show_default=True,
    help="Lowest severity that makes the data not conform (exit 1).",
)
@format_option("text", "json", "junit", "github", "turtle")
@output_option("Write the report to FILE instead of standard output.")
@build_dir_option("Build whose current release is validated when no FILES are given.")
@folder_option("--texts", help="Folder of the source texts that evidence quotes are compared "
               "with (default: the release's sources/).")
@click.option("--engine", type=click.Choice(["fast", "reference"]), default="fast",
              show_default=True, help="reference: plain pyshacl (slow; same results).")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
              help="Language of the messages in text, JUnit and GitHub output.")
@click.option("--reason", is_flag=True, help="Also check consistency with HermiT (needs Java).")
def validate(
    files: tuple[Path, ...],
    shapes_dir: Path | None,
    fail_on: str,
    fmt: str,
    output: Path | None,
    build_dir: Path,
    texts: Path | None,
    engine: str,
    lang: str,
    reason: bool,
) -> None:
    """Validate the built graph, or FILES (Turtle, TriG, N-Triples, N-Quads, JSON-LD), against
    the SHACL shapes; FILES are read with the ontology and the reference data."""
    from graph.config import SHAPES_DIR
    from graph.validate.command import CommandInputError, Options, run

    options = Options(
        files=files, shapes_dir=shapes_dir or SHAPES_DIR, fail_on=fail_on, fmt=fmt,
        build_dir=build_dir, base=data_base(), engine=engine, lang=lang, texts=texts,
        reason=reason,
    )
    try:
        outcome = run(options)
    except CommandInputError as err:
        raise InputError(str(err)) from err
    if output is not None:
        write_output(output, outcome.output, "report")
    else:
        click.echo(outcome.output, nl=False)
    if outcome.reasoning:
        click.echo(outcome.reasoning, err=True)
    sys.exit(outcome.exit_code)


@main.command()
@build_dir_option("Build whose current release is measured.")
@format_option("text", "json")
def coverage(build_dir: Path, fmt: str) -> None:
    """Per resolution and per organ: how many mandates have an organ, an activity, a deadline."""
    from graph.coverage import CoverageError, format_json, format_text
    from graph.coverage import coverage as run_coverage

    try:
        tables = run_coverage(build_dir)
    except CoverageError as err:
        raise InputError(str(err)) from err
    click.echo(format_json(tables) if fmt == "json" else format_text(tables), nl=False)


@main.command()
@click.option("--triples", "size", required=True, metavar="N",
              help="About how many quads to write (±5 %): 10k, 250000, 1m, 10m.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Same seed, same bytes.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="N-Quads file to write.")
@base_option
def generate(size: str, seed: int, out: Path, base: str | None) -> None:
    """Write a synthetic graph shaped like the corpus (for benchmarks), as N-Quads.

    The ontology and the reference data come first, then one named graph per synthetic
    document, every statement with its evidence. Streamed: 10m needs little memory.
    """
    import time

    from graph.synthetic import generate_file, parse_size

    try:
        triples = parse_size(size)
        started = time.perf_counter()
        quads = generate_file(triples, out, seed=seed, base=base or data_base())
    except ValueError as err:
        raise InputError(str(err)) from err
    except OSError as err:
        raise InputError(f"{out}: cannot write: {err}") from err
    click.echo(f"wrote {quads} quads to {out} in {time.perf_counter() - started:.1f} s")


for _command in (cli_releases.dump, cli_releases.diff, cli_releases.releases):
    main.add_command(_command)


if __name__ == "__main__":
    main()
