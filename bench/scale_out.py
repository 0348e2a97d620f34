"""Scale-out: the same named queries on Virtuoso, directly and through our endpoint."""

from __future__ import annotations

import contextlib
import json
import shutil
import time
from pathlib import Path

import pyoxigraph as ox
import requests

from bench.endpoint import JSON_RESULTS, rows_of, server
from bench.named import NamedQuery
from bench.report import (
    Report,
    Table,
    label,
    median,
    ms,
)


def bench_virtuoso(report: Report, files: dict[int, Path], sizes: list[int], runs: int,
                   queries: list[NamedQuery], work: Path, stores: dict[int, Path],
                   cap: float = 60.0) -> None:
    table = Table("Scale-out: the same named queries on Virtuoso (ms, medians)",
                  ["size", "query", "rows", "rows embedded", "answer vs embedded",
                   "Virtuoso direct", "endpoint (sparql: store)", "endpoint / direct",
                   "embedded endpoint (same run)"])
    try:
        from graph.store import MERGED_GRAPH, SparqlHttpStore, with_prefixes
        from graph.store.text import names_graphs
        from tests.virtuoso import VirtuosoUnavailable, start_virtuoso
    except ImportError as err:
        table.notes.append(f"not run: {err}")
        report.add(table)
        return
    # Virtuoso stops each query's execution at `cap` itself (MaxQueryExecutionTime), so that one
    # query cannot hold it for the ones after; writing a large answer is not bounded by that
    # limit, so the clients (this script, our server) wait longer for the whole answer.
    limit = max(1, round(cap))
    wait = 2 * limit + 30

    class Cut(Exception):
        """A query stopped at a time limit: a '> N s (cut)' cell, never a figure."""

    def said(body: bytes) -> str:
        """The first words of an error body (our server's JSON ``error``, or Virtuoso's text)."""
        text = body.decode("utf-8", "replace")
        with contextlib.suppress(ValueError, AttributeError):
            text = str(json.loads(text)["error"])
        text = text.split("SPARQL query:")[0]  # Virtuoso echoes the whole query after this
        return " ".join(text.replace("|", "/").split())

    def solutions(body: bytes) -> set[tuple[tuple[str, str, str, str], ...]]:
        """The distinct solutions of a SPARQL JSON answer, terms written alike for both stores
        (Virtuoso's 1.0 "typed-literal", an explicit xsd:string, booleans written 1 and 0)."""
        found = set()
        for row in json.loads(body)["results"]["bindings"]:
            terms = []
            for name, term in sorted(row.items()):
                datatype = term.get("datatype", "")
                datatype = "" if datatype.endswith("#string") else datatype
                kind = "literal" if term["type"] == "typed-literal" else term["type"]
                value = term["value"]
                if datatype.endswith("#boolean"):
                    value = {"1": "true", "0": "false"}.get(value, value)
                terms.append((name, kind, value + "^^" + datatype,
                              term.get("xml:lang", "").lower()))
            found.add(tuple(terms))
        return found

    def compare(mine: bytes | None, theirs: bytes | None) -> str:
        """How Virtuoso's answer compares with the embedded store's (as sets of solutions)."""
        if mine is None or theirs is None:
            return "–"
        a, b = solutions(mine), solutions(theirs)
        if a == b:
            return "same" if rows_of(mine) == rows_of(theirs) else "same, with duplicates"
        return f"different: {len(a - b):,} only in Virtuoso, {len(b - a):,} only embedded"

    def ask(method: str, url: str, form: dict[str, str] | None = None) -> tuple[float, bytes]:
        """Seconds until the whole answer is received, and the answer; Cut or RuntimeError.

        A new connection for each request, as our server's store client makes: on a kept-alive
        connection Virtuoso 7.2 answers many queries ~40 ms late (a TCP delayed-ACK stall),
        which would be charged to Virtuoso alone."""
        started = time.perf_counter()
        try:
            response = requests.request(method, url, data=form, timeout=wait,
                                        headers={"Accept": JSON_RESULTS, "Connection": "close"})
            body = response.content
        except requests.Timeout:
            raise Cut(f"> {wait} s (cut: no answer)") from None
        seconds = time.perf_counter() - started
        state = response.headers.get("X-SQL-State")
        if state:  # Virtuoso's "anytime" answer: partial results with a 200
            raise Cut(f"> {limit} s (cut: partial answer, {state})")
        if response.status_code != 200:
            message = said(body)
            if "SR171" in message or "Transaction timed out" in message:
                raise Cut(f"> {limit} s (cut)")  # MaxQueryExecutionTime, directly or via us
            if response.status_code == 503 and "time limit" in message:
                raise Cut(f"> {wait} s (cut)")  # our server's own limit
            raise RuntimeError(f"HTTP {response.status_code}: {message[:120]}")
        if response.headers.get("X-Mandate-Graph-Truncated"):
            raise RuntimeError("answer truncated by our server's --max-rows")
        return seconds, body

    for size in sizes:
        if size not in files:
            continue
        directory = work / f"virtuoso-{label(size)}"
        shutil.rmtree(directory, ignore_errors=True)
        try:
            virtuoso = start_virtuoso(directory, max_query_seconds=limit)
        except (VirtuosoUnavailable, Exception) as err:  # noqa: BLE001 - reported, not fatal
            table.notes.append(f"{label(size)}: Virtuoso not started: {err}")
            continue
        try:
            store = SparqlHttpStore(virtuoso.sparql_url, update_url=virtuoso.update_url,
                                    graph_store_url=virtuoso.graph_store_url,
                                    auth=virtuoso.auth, timeout=max(wait, 300))
            started = time.perf_counter()
            store.load_dataset(files[size].read_bytes(), merged_graph=MERGED_GRAPH)
            load_s = time.perf_counter() - started
            expected: dict[str, int] = {}
            for quad in ox.parse(path=str(files[size]), format=ox.RdfFormat.N_QUADS):
                name = str(getattr(quad.graph_name, "value", ""))
                expected[name] = expected.get(name, 0) + 1
            loaded = {str(row["g"].value): int(row["n"].value) for row in store.select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
            wrong = [f"{g} {loaded.get(g, 0):,} of {n:,}" for g, n in expected.items()
                     if loaded.get(g, 0) != n]
            table.notes.append(
                f"{label(size)}: {sum(expected.values()):,} quads in {len(expected)} graphs and "
                f"their merge ({loaded.get(MERGED_GRAPH, 0):,} statements, graph "
                f"<{MERGED_GRAPH}>) loaded into Virtuoso with SparqlHttpStore.load_dataset (one "
                f"Graph Store POST per graph) in {load_s:.1f} s; quads per graph counted back: "
                + ("all equal to the file's" if not wrong else "DIFFERENT: " + "; ".join(wrong)))
            with server(f"sparql:{virtuoso.sparql_url}", timeout=wait,
                        MANDATE_GRAPH_STORE_DEFAULT_GRAPH=MERGED_GRAPH) as url, \
                    server(f"oxigraph:{stores[size]}", timeout=wait) as embedded:
                for q in queries:
                    # exactly the text our server sends to Virtuoso for GET /queries/NAME: the
                    # defaults as a VALUES block opening the pattern, our prefixes prepended
                    text = with_prefixes(q.values_text)
                    direct_form = {"query": text}
                    if not names_graphs(q.values_text):  # the merge, as our server sends it
                        direct_form["default-graph-uri"] = MERGED_GRAPH
                    calls: dict[str, tuple[str, str, dict[str, str] | None]] = {
                        "direct": ("POST", virtuoso.sparql_url, direct_form),
                        "endpoint": ("GET", f"{url}/queries/{q.name}", None),
                        "embedded": ("GET", f"{embedded}/queries/{q.name}", None),
                    }
                    times: dict[str, list[float]] = {k: [] for k in calls}
                    rows: dict[str, int] = {}
                    answers: dict[str, bytes] = {}
                    failed: dict[str, str] = {}
                    for run in range(runs + 1):  # run 0 warms Virtuoso's and our caches up
                        for key, (method, address, form) in calls.items():
                            if key in failed:
                                continue  # cut or failed once: not tried again
                            try:
                                seconds, body = ask(method, address, form)
                                count = rows_of(body)
                            except Cut as err:
                                failed[key] = str(err)
                                continue
                            except (RuntimeError, ValueError, KeyError,
                                    requests.RequestException) as err:
                                failed[key] = f"error: {str(err)[:140]}"
                                continue
                            if run:
                                times[key].append(seconds)
                            rows[key], answers[key] = count, body
                    cells = {k: failed.get(k) or ms(median(times[k])) for k in calls}
                    virtuoso_rows = rows.get("direct", rows.get("endpoint"))
                    if "direct" in rows and rows.get("endpoint", rows["direct"]) != rows["direct"]:
                        cells["endpoint"] += f" ({rows['endpoint']:,} rows)"
                    ratio = "–"
                    if not failed.keys() & {"direct", "endpoint"}:
                        ratio = f"{median(times['endpoint']) / median(times['direct']):.2f}"
                    table.rows.append([
                        label(size), q.name,
                        f"{virtuoso_rows:,}" if virtuoso_rows is not None else "–",
                        f"{rows['embedded']:,}" if "embedded" in rows else "–",
                        compare(answers.get("direct", answers.get("endpoint")),
                                answers.get("embedded")),
                        cells["direct"], cells["endpoint"], ratio, cells["embedded"]])
        except Exception as err:  # noqa: BLE001 - reported; the other sections' figures stand
            table.notes.append(f"{label(size)}: stopped: {type(err).__name__}: {err}"[:400])
        finally:
            virtuoso.stop()
            shutil.rmtree(directory, ignore_errors=True)
    table.notes.append(
        "direct = the query POSTed as a form to Virtuoso's /sparql; endpoint = GET /queries/NAME "
        "on our server with `--store sparql:…/sparql` and `store_default_graph` naming the "
        "merge, which sends Virtuoso the very same text (defaults as a VALUES block opening the "
        "pattern, prefixes prepended) and the merge as `default-graph-uri`, and re-encodes the "
        "answer; a new connection per request for all three, as our server's store client "
        "makes; one warm-up run, then medians of the runs")
    table.notes.append(
        f"Virtuoso stops a query's execution after {limit} s (`MaxQueryExecutionTime`, from "
        f"`--virtuoso-timeout`): shown as `> {limit} s (cut)`; an 'anytime' partial answer "
        "(`X-SQL-State` header) would be shown as cut too, never as a figure; clients wait "
        f"{wait} s for the whole answer (writing it is not bounded by Virtuoso's limit)")
    table.notes.append(
        "rows = Virtuoso's answer, rows embedded = our embedded store's (the same VALUES "
        "block); *answer vs embedded* compares them as sets of solutions, and *same, with "
        "duplicates* says the row counts differ all the same. Virtuoso's own default graph is "
        "the union of its graphs matched graph by graph (a triple stated in several graphs "
        "matches once per graph): both Virtuoso columns query the merge instead, as "
        "docs/sparql.md says to. *different* is a wrong answer, not a timing artefact")
    report.add(table)
