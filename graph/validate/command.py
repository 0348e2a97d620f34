"""The `validate` subcommand's work, kept out of graph/cli.py so that the CLI stays a thin layer.

Exit codes follow the project's convention: 0 conforms at the ``--fail-on`` threshold, 1 does
not conform (or, with ``--reason``, is inconsistent), 2 usage or input error — never 1 for bad
input, so that CI can tell broken data files from data that breaks a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.config import ONTOLOGY_FILE
from graph.validate.data import DataError, DataSet, from_build, from_files
from graph.validate.lines import LineIndex, index_files
from graph.validate.report import Presenter, render
from graph.validate.results import Severity
from graph.validate.run import ValidationError, validate
from graph.validate.shapes import ShapesError, load_shapes

EXIT_OK, EXIT_NONCONFORMING, EXIT_INPUT = 0, 1, 2


class CommandInputError(Exception):
    """Bad input: the CLI shows the message and exits 2."""


@dataclass(frozen=True)
class Options:
    """The command line's choices, as the CLI parsed them."""

    files: tuple[Path, ...]
    shapes_dir: Path
    fail_on: str
    fmt: str
    build_dir: Path
    base: str
    engine: str = "fast"
    lang: str = "en"
    texts: Path | None = None
    reason: bool = False


@dataclass(frozen=True)
class Outcome:
    """What to print (and where) and the exit code."""

    output: str
    exit_code: int
    reasoning: str = ""


def run(options: Options) -> Outcome:
    """Validate, render, and decide the exit code; raise CommandInputError for bad input."""
    try:
        shapes = load_shapes(options.shapes_dir)
        data = _data(options)
        report = validate(data, shapes, engine=options.engine)
    except (ShapesError, DataError, ValidationError) as err:
        raise CommandInputError(str(err)) from err
    threshold = Severity.from_name(options.fail_on)
    lines = index_files(list(options.files), base=options.base) if options.files else LineIndex()
    presenter = Presenter(
        report=report, shapes=shapes, data=data, lines=lines, lang=options.lang, threshold=threshold
    )
    output = render(presenter, options.fmt)
    code = EXIT_OK if report.conforms(threshold) else EXIT_NONCONFORMING
    reasoning = ""
    if options.reason:
        consistent, reasoning = _reason(data)
        if not consistent:
            code = EXIT_NONCONFORMING
    return Outcome(output=output, exit_code=code, reasoning=reasoning)


def _data(options: Options) -> DataSet:
    if options.files:
        missing = [str(p) for p in options.files if not p.is_file()]
        if missing:
            raise CommandInputError(f"{', '.join(missing)}: no such file")
        return from_files(list(options.files), base=options.base, texts=options.texts)
    data = from_build(options.build_dir)
    if options.texts is not None:
        data.texts = options.texts
    return data


def _reason(data: DataSet) -> tuple[bool, str]:
    """HermiT over the ontology and the data: (consistent and satisfiable, the verdict text).

    What was validated (files with the reference data, or the built graph) is handed to the
    reasoner as one N-Triples file: relative IRIs are then already resolved against the base.
    """
    import tempfile

    import pyoxigraph as ox

    from graph.reason import ReasoningError, check_consistency

    with tempfile.TemporaryDirectory(prefix="mandate-graph-validate-") as tmp:
        dump = Path(tmp) / "data.nt"
        default = data.store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        triples = (q.triple for q in default)
        dump.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
        try:
            result = check_consistency([ONTOLOGY_FILE], [dump])
        except ReasoningError as err:
            raise CommandInputError(f"--reason: {err}") from err
    return result.ok, result.message
