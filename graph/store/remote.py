"""An external store spoken to over HTTP with SPARQL 1.1 (Protocol, Update, Graph Store).

The embedded pyoxigraph store is the default; a deployment that already runs a triple store
(Virtuoso, Fuseki, GraphDB, Oxigraph server...) points the service at it instead. This class
offers the verbs of :class:`graph.store.interface.Store` (those of the embedded store), using
only the standard library for HTTP so the backend adds no dependency.

Two choices keep answers identical to the embedded store:

* the project's prefixes are prepended to every query that does not declare them itself (the
  embedded store predeclares them, so users write ``mg:Mandate`` without a PREFIX line);
* results are returned as pyoxigraph terms, so callers and tests compare them with the embedded
  store's solutions directly.

Known store quirks handled here (all seen with Virtuoso 7.2):

* an ASK answered as a one-row SELECT with a variable ``__ASK_RETVAL`` (``ask`` and the JSON
  pass-through of ``query_raw`` turn it back into a standard boolean result);
* SPARQL 1.0 JSON ``"typed-literal"`` bindings;
* a POST with ``Content-Type: application/sparql-query`` that never gets an answer: queries are
  therefore sent as ``application/x-www-form-urlencoded`` forms, which every store accepts.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from graph.config import DEFAULT_BASE, data_base
from graph.namespaces import MG
from graph.store.errors import StoreError, StoreRejected, StoreTimeout
from graph.store.merge import default_graph_copy
from graph.store.text import parse_prologue, with_base, with_prefixes

Term = ox.NamedNode | ox.BlankNode | ox.Literal
#: SPARQL Protocol dataset parameters: ``default-graph-uri`` / ``named-graph-uri`` → graph IRIs.
Dataset = Mapping[str, Iterable[str]]

RESULTS_JSON = "application/sparql-results+json"
#: What CONSTRUCT/DESCRIBE ask for: N-Triples first, anything pyoxigraph parses after.
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
#: Triples per SPARQL Update request when no Graph Store endpoint is available: small enough
#: for stores that limit the size of one update (Virtuoso compiles it to one SQL statement).
INSERT_BATCH = 1000
#: The named graph the docs, tests and benchmarks load the merge into (``load_dataset``) and
#: name in the server's ``store_default_graph``; any IRI of the store would do.
MERGED_GRAPH = DEFAULT_BASE + "graph/merged"
#: Graphs ``clear()`` removes by default: the project's vocabulary and the data namespace.
PROJECT_NAMESPACE = "https://w3id.org/mandate-graph/"

_RDF_FORMATS_BY_MEDIA = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}

class SparqlHttpStore:
    """A triple store reached over HTTP with the SPARQL 1.1 protocols.

    ``query_url`` answers queries; ``update_url`` (defaults to ``query_url``) takes SPARQL
    Update; ``graph_store_url`` is a SPARQL 1.1 Graph Store HTTP Protocol endpoint, the fast way
    to load data (one request per named graph). Without it, loads fall back to batches of
    ``INSERT DATA``. ``auth`` is a (user, password) pair answered to Basic or Digest challenges.
    ``base_iri``, when set, is what relative IRIs of queries and updates resolve against.
    """

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float = 30,
        base_iri: str | None = None,
    ) -> None:
        for url in (query_url, update_url, graph_store_url):
            if url is not None and urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
                raise StoreError(f"store URL {url!r} must start with http:// or https://")
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.graph_store_url = graph_store_url
        self.timeout = timeout
        self.base_iri = base_iri
        handlers: list[urllib.request.BaseHandler] = []
        if auth is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {query_url, self.update_url, graph_store_url} - {None}:
                passwords.add_password(None, url, auth[0], auth[1])  # type: ignore[arg-type]
            handlers += [
                urllib.request.HTTPDigestAuthHandler(passwords),
                urllib.request.HTTPBasicAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    def __repr__(self) -> str:
        return f"SparqlHttpStore({self.query_url!r})"

    # -- queries -------------------------------------------------------------------------------

    def query_raw(
        self, sparql: str, accept: str = RESULTS_JSON, dataset: Dataset | None = None
    ) -> tuple[str, bytes]:
        """Run a query and return the store's answer as is: (content type, body).

        For the server to pass results through without re-encoding them. The only rewrite is a
        JSON ASK answer shaped as a SELECT (a Virtuoso quirk), made standard again. ``dataset``
        holds the protocol's ``default-graph-uri`` / ``named-graph-uri`` parameters, if any.
        """
        fields = [("query", with_base(with_prefixes(sparql), self.base_iri)),
                  *_dataset_fields(dataset)]
        body = urllib.parse.urlencode(fields).encode()
        content_type, data = self._request(
            self.query_url, data=body, method="POST", accept=accept,
            content_type="application/x-www-form-urlencoded",
        )
        if content_type.split(";")[0].strip() in {RESULTS_JSON, "application/json"}:
            boolean = _ask_value(data)
            if boolean is not None:
                data = json.dumps({"head": {}, "boolean": boolean}).encode()
        return content_type, data

    def select(self, sparql: str, dataset: Dataset | None = None) -> list[dict[str, Term]]:
        """The solutions of a SELECT query: one dict per row, unbound variables left out."""
        return self.solutions(sparql, dataset)[1]

    def solutions(
        self, sparql: str, dataset: Dataset | None = None
    ) -> tuple[list[str], list[dict[str, Term]]]:
        """The variables of a SELECT query (in the store's order) and its solutions."""
        content_type, data = self.query_raw(sparql, RESULTS_JSON, dataset)
        results = self._json(data, content_type)
        if "results" not in results:
            raise StoreError(f"the store at {self.query_url} did not answer with SELECT results")
        variables = [str(v) for v in results.get("head", {}).get("vars", [])]
        rows = [
            {name: _term(value, self.query_url) for name, value in row.items()}
            for row in results["results"].get("bindings", [])
        ]
        return variables, rows

    def ask(self, sparql: str, dataset: Dataset | None = None) -> bool:
        """The answer to an ASK query."""
        content_type, data = self.query_raw(sparql, RESULTS_JSON, dataset)
        results = self._json(data, content_type)
        if not isinstance(results.get("boolean"), bool):
            raise StoreError(f"the store at {self.query_url} did not answer with a boolean")
        return bool(results["boolean"])

    def construct(self, sparql: str, dataset: Dataset | None = None) -> bytes:
        """The graph a CONSTRUCT or DESCRIBE query builds, as N-Triples.

        Whatever syntax the store answers in is parsed and written again as N-Triples, so
        callers get one format whatever the store.
        """
        content_type, data = self.query_raw(sparql, GRAPH_ACCEPT, dataset)
        media = content_type.split(";")[0].strip().lower()
        fmt = _RDF_FORMATS_BY_MEDIA.get(media)
        if fmt is None:
            raise StoreError(
                f"the store at {self.query_url} answered a CONSTRUCT with {content_type!r}, "
                "which is not an RDF syntax"
            )
        try:
            triples = [q.triple for q in ox.parse(data, format=fmt)]
        except SyntaxError as err:
            raise StoreError(f"the store at {self.query_url} sent unreadable RDF: {err}") from err
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""

    def query(
        self, sparql: str, dataset: Dataset | None = None
    ) -> list[dict[str, Term]] | bool | bytes:
        """Run any query: rows for SELECT, a boolean for ASK, N-Triples for CONSTRUCT/DESCRIBE."""
        _declared, form = parse_prologue(sparql)
        if form == "ASK":
            return self.ask(sparql, dataset)
        if form in {"CONSTRUCT", "DESCRIBE"}:
            return self.construct(sparql, dataset)
        return self.select(sparql, dataset)

    def __len__(self) -> int:
        """The number of quads in named graphs (the store's own system graphs included).

        The default graph is not counted: many stores (Virtuoso among them) make it a view of
        the union of all graphs, so counting it would count every quad twice.
        """
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value) if rows else 0

    def dump(self, fmt: ox.RdfFormat, *, graph: str | None = None) -> bytes:
        """The store in ``fmt``, as :meth:`graph.store.embedded.OxigraphStore.dump` gives it:
        the quads of every named graph for a dataset syntax, else the default graph (or the
        named ``graph``). Read with queries, so any SPARQL 1.1 store can be dumped."""
        if graph is None and fmt.supports_datasets:
            rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]  # type: ignore[arg-type]
            return ox.serialize(quads, format=fmt) or b""
        where = "{ ?s ?p ?o }"
        if graph is not None:
            where = "{ GRAPH " + str(ox.NamedNode(graph)) + " { ?s ?p ?o } }"
        data = self.construct("CONSTRUCT { ?s ?p ?o } WHERE " + where)
        if fmt == ox.RdfFormat.N_TRIPLES:
            return data
        return ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=fmt) or b""

    # -- updates and loading -------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (the project's prefixes are offered as for queries)."""
        self._update(with_base(with_prefixes(sparql), self.base_iri))

    def _update(self, sparql: str) -> None:
        """Send an update as is (the ones this class writes use full IRIs only)."""
        body = urllib.parse.urlencode({"update": sparql}).encode()
        self._request(
            self.update_url, data=body, method="POST", accept="*/*",
            content_type="application/x-www-form-urlencoded",
        )

    def load_bytes(self, data: bytes, fmt: ox.RdfFormat, *, graph: str | None = None) -> None:
        """Load a serialisation held in memory; triples go to ``graph``, quads keep theirs."""
        try:
            quads = _retarget(ox.parse(data, format=fmt), graph)
        except (SyntaxError, ValueError) as err:
            raise StoreError(f"cannot load the data: {err}") from err
        self._load_quads(quads)

    def load_nquads(self, data: bytes) -> None:
        """Load N-Quads, each quad into its own named graph."""
        self.load_bytes(data, ox.RdfFormat.N_QUADS)

    def load_dataset(
        self, nquads: bytes, *, merged_graph: str, unmerged_prefix: str = ""
    ) -> None:
        """Load named-graph quads, then their merge (each statement once) into ``merged_graph``.

        The embedded store's default graph is that merge (:meth:`OxigraphStore.load_dataset`).
        A store whose default graph is the union of its graphs matched graph by graph
        (Virtuoso) counts a statement once per graph stating it; serving with
        ``store_default_graph`` set to ``merged_graph`` makes the merge the default graph of
        every query that names no dataset, so both stores give the same answers. Graphs under
        ``unmerged_prefix`` stay out of the merge, as in the build. A blank node of the merge
        is not the same node as in its own graph: each Graph Store POST makes its own.
        """
        try:
            merged = ox.NamedNode(merged_graph)
        except ValueError as err:
            raise StoreError(f"merged graph {merged_graph!r} is not an absolute IRI") from err
        self.load_nquads(nquads)
        copy = default_graph_copy(nquads, keep_prefix=unmerged_prefix)
        try:
            statements = [
                ox.Quad(q.subject, q.predicate, q.object, merged)
                for q in ox.parse(copy, format=ox.RdfFormat.N_QUADS)
                if isinstance(q.graph_name, ox.DefaultGraph)  # kept graphs keep their label
            ]
        except (SyntaxError, ValueError) as err:
            raise StoreError(f"cannot load the data: {err}") from err
        self._load_quads(statements)

    def load_file(
        self, path: Path, *, graph: str | None = None, base_iri: str | None = None
    ) -> None:
        """Load an RDF file (syntax from its extension); triples go to ``graph``."""
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
        if fmt is None:
            raise StoreError(f"cannot tell the RDF syntax of {path.name} from its extension")
        try:
            quads = _retarget(ox.parse(path=str(path), format=fmt, base_iri=base_iri), graph)
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"cannot load {path}: {err}") from err
        self._load_quads(quads)

    bulk_load = load_file

    def clear(self, graphs: Iterable[str] | None = None) -> None:
        """Drop the given named graphs, or every graph of the project when none are given.

        Not ``CLEAR ALL``: a shared store keeps its own graphs (Virtuoso's system graphs, other
        datasets) next to ours, and those must survive a rebuild.
        """
        if graphs is None:
            namespaces = (PROJECT_NAMESPACE, MG, data_base())
            rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            graphs = [
                row["g"].value for row in rows
                if isinstance(row.get("g"), ox.NamedNode) and row["g"].value.startswith(namespaces)
            ]
        for name in graphs:
            try:
                iri = ox.NamedNode(name)
            except ValueError as err:
                raise StoreError(f"cannot clear graph {name!r}: {err}") from None
            self._update("DROP SILENT GRAPH " + str(iri))

    def _load_quads(self, quads: list[ox.Quad]) -> None:
        """Send quads graph by graph: Graph Store POSTs if possible, else INSERT DATA batches."""
        by_graph: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Triple]]
        by_graph = defaultdict(list)
        for quad in quads:
            by_graph[quad.graph_name].append(quad.triple)
        for graph, triples in by_graph.items():
            if self.graph_store_url:
                self._post_graph(graph, triples)
            else:
                self._insert_data(graph, triples)

    def _post_graph(
        self, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph, triples: list[ox.Triple]
    ) -> None:
        """One Graph Store POST (merge) per graph, so blank nodes keep their identity in it."""
        assert self.graph_store_url is not None
        if isinstance(graph, ox.BlankNode):
            raise StoreError("cannot load a graph named by a blank node into an external store")
        query = "default" if isinstance(graph, ox.DefaultGraph) else urllib.parse.urlencode(
            {"graph": graph.value}
        )
        separator = "&" if "?" in self.graph_store_url else "?"
        self._request(
            self.graph_store_url + separator + query,
            data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
            method="POST", accept="*/*", content_type="application/n-triples",
        )

    def _insert_data(
        self, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph, triples: list[ox.Triple]
    ) -> None:
        """INSERT DATA in batches; triples with blank nodes all go in one ``INSERT ... WHERE {}``.

        A blank node label is scoped to one update request, so splitting the triples that share
        a blank node over two requests would make two different nodes of it. They are sent with
        ``INSERT { template } WHERE {}`` (one solution, so one fresh node per label) because some
        stores refuse blank nodes in ``INSERT DATA`` (Virtuoso 7.2: error SP031).
        """
        if isinstance(graph, ox.BlankNode):
            raise StoreError("cannot load a graph named by a blank node into an external store")
        with_bnodes = [t for t in triples if _has_blank_node(t)]
        plain = [t for t in triples if not _has_blank_node(t)]
        batches = [plain[i:i + INSERT_BATCH] for i in range(0, len(plain), INSERT_BATCH)]
        for batch in [*batches, with_bnodes]:
            if not batch:
                continue
            body = (ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
            if isinstance(graph, ox.NamedNode):
                body = "GRAPH " + str(graph) + " {\n" + body + "}"
            if batch is with_bnodes:
                self._update("INSERT {\n" + body + "\n} WHERE {}")
            else:
                self._update("INSERT DATA {\n" + body + "\n}")

    # -- HTTP ----------------------------------------------------------------------------------

    def _request(
        self, url: str, *, data: bytes, method: str, accept: str, content_type: str
    ) -> tuple[str, bytes]:
        """One HTTP exchange; every failure becomes a StoreError that says what to do."""
        request = urllib.request.Request(  # noqa: S310 (scheme checked in __init__)
            url, data=data, method=method,
            headers={"Accept": accept, "Content-Type": content_type},
        )
        where = url.split("?")[0]
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as err:
            with err:
                detail = err.read(2000).decode("utf-8", "replace").strip()
            if err.code in {400, 422}:
                raise StoreRejected(_http_message(where, err.code, detail)) from None
            raise StoreError(_http_message(where, err.code, detail)) from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                raise StoreTimeout(_timeout_message(where, self.timeout)) from None
            raise StoreError(
                f"cannot reach the store at {where}: {err.reason}. Check that the store is "
                "running and that the URL is right."
            ) from None
        except TimeoutError:
            raise StoreTimeout(_timeout_message(where, self.timeout)) from None
        except (ConnectionError, OSError) as err:
            raise StoreError(
                f"the connection to the store at {where} failed: {err}. Check that the store "
                "is running and reachable."
            ) from None

    def _json(self, data: bytes, content_type: str) -> dict:  # type: ignore[type-arg]
        try:
            parsed = json.loads(data)
        except ValueError:
            raise StoreError(
                f"the store at {self.query_url} did not answer with SPARQL JSON results "
                f"(got {content_type or 'no content type'})"
            ) from None
        if not isinstance(parsed, dict):
            raise StoreError(f"the store at {self.query_url} sent malformed SPARQL JSON results")
        return parsed


def _dataset_fields(dataset: Dataset | None) -> list[tuple[str, str]]:
    """The protocol's dataset parameters as form fields, one per graph IRI."""
    if not dataset:
        return []
    return [
        (name, iri)
        for name in ("default-graph-uri", "named-graph-uri")
        for iri in dataset.get(name, ())
    ]


def _http_message(url: str, code: int, detail: str) -> str:
    """What an HTTP error means for the user, with the store's own words when it gave some."""
    if code in {401, 403}:
        hint = ("the store refused the request: give a user allowed to do this "
                "(auth=(user, password)) or grant the rights on the store")
    elif code == 404:
        hint = "nothing answers at this URL: check the endpoint path"
    elif code in {400, 422}:
        hint = "the store rejected the request"
    else:
        hint = "the store failed; see its log"
    detail = " ".join(detail.split())[:500]
    return f"{url} answered HTTP {code}: {hint}" + (f". The store said: {detail}" if detail else "")


def _timeout_message(url: str, timeout: float) -> str:
    return (f"the store at {url} did not answer within {timeout:g} s: check that it is not "
            "overloaded, or raise the timeout")


def _ask_value(data: bytes) -> bool | None:
    """The boolean of a standard ASK result, or of Virtuoso's SELECT-shaped one; else None."""
    try:
        parsed = json.loads(data)
    except ValueError:
        return None
    if not isinstance(parsed, dict):
        return None
    if isinstance(parsed.get("boolean"), bool):
        return bool(parsed["boolean"])
    if parsed.get("head", {}).get("vars") == ["__ASK_RETVAL"]:
        rows = parsed.get("results", {}).get("bindings", [])
        value = rows[0].get("__ASK_RETVAL", {}).get("value") if rows else "0"
        return value in {"1", "true"}
    return None


def _term(value: Mapping[str, str], url: str) -> Term:
    """A pyoxigraph term from one SPARQL JSON binding (1.1 and 1.0 'typed-literal' forms)."""
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return ox.NamedNode(text)
    if kind == "bnode":
        return ox.BlankNode(text)
    if kind in {"literal", "typed-literal"}:
        language = value.get("xml:lang")
        if language:
            return ox.Literal(text, language=language)
        datatype = value.get("datatype")
        return ox.Literal(text, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(text)
    raise StoreError(f"the store at {url} sent a result term of unknown type {kind!r}")


def _has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _retarget(quads: Iterable[ox.Quad], graph: str | None) -> list[ox.Quad]:
    """Move triples of the default graph into ``graph`` (as OxigraphStore's ``to_graph`` does)."""
    if not graph:
        return list(quads)
    target = ox.NamedNode(graph)
    return [
        ox.Quad(q.subject, q.predicate, q.object, target)
        if isinstance(q.graph_name, ox.DefaultGraph) else q
        for q in quads
    ]
