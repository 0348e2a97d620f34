"""Hostile inputs: markup in documents, path traversal, oversized and mis-encoded files.

* A document whose text holds ``<script>`` and an ``onerror`` image is built into a graph; every
  page that exists must show that text escaped, never as markup.
* Names that climb out of their folder (``..``, encoded or not) are refused by the named-query,
  document, dump and static routes: 400/404, never the content of a file outside.
* A document over the size limit is refused with a message before it is read (the limit is set
  small through the environment, and one sparse 100 MB file checks the default); a file that is
  not UTF-8 is reported; malformed Turtle given to ``validate`` names the file and the line.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from graph.build import build, text_sources
from graph.config import DEFAULT_BASE
from server import close_app, create_app
from server.settings import Settings

MARKER = "mg-xss"
PAYLOAD = f'<script>alert("{MARKER}")</script><img src=x onerror=alert("{MARKER}")>'
#: What must never appear in a page: the payload as live markup.
RAW = [f'<script>alert("{MARKER}")', f'<img src=x onerror=alert("{MARKER}")']
#: Text of files outside the served folders, which a traversal would leak.
SECRETS = ["root:x:0:0", "[build-system]", "def create_app", "class Settings", "MANDATE_GRAPH"]
HOSTILE_DOC = "csh-work-plan-2019-2020.txt"
HOSTILE_STEM = "csh-work-plan-2019-2020"


def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True,
        timeout=300, check=False, env={**os.environ, **env},
    )


def inject(text: str) -> str:
    """The payload at the start and inside every tenth line, where extraction quotes text."""
    lines = text.splitlines(keepends=True)
    for n in range(0, len(lines), 10):
        head, sep, tail = lines[n].partition(" ")
        if sep:
            lines[n] = f"{head} {PAYLOAD} {tail}"
    return PAYLOAD + "\n" + "".join(lines)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = tmp_path_factory.mktemp("hostile-corpus")
    for path in text_sources():
        text = path.read_text(encoding="utf-8")
        (sources / path.name).write_text(
            inject(text) if path.name == HOSTILE_DOC else text, encoding="utf-8"
        )
    target = tmp_path_factory.mktemp("hostile-build")
    report = build(sorted(sources.glob("*.txt")), build_dir=target, base=DEFAULT_BASE)
    assert report.ok, report.errors
    return target


@pytest.fixture(scope="module")
def hostile_app(hostile_build: Path) -> Iterator[Flask]:
    made = create_app(
        Settings(store=f"oxigraph:{hostile_build / 'current' / 'store'}", rate_limit_per_minute=0)
    )
    yield made
    close_app(made)


def hostile_entities(build_dir: Path, limit: int = 15) -> list[str]:
    """IRIs under the data base with a literal that holds the payload (quotes, labels …)."""
    store = ox.Store.read_only(str(build_dir / "current" / "store"))
    rows = store.query(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && isLiteral(?o) && "
        f'CONTAINS(STR(?o), "{MARKER}") && STRSTARTS(STR(?s), "{DEFAULT_BASE}")) }} '
        f"ORDER BY ?s LIMIT {limit}"
    )
    return [row["s"].value for row in rows]


def page(client: FlaskClient, path: str) -> tuple[int, str]:
    """Status and body of an HTML page; other types (JSON, iCalendar …) are not markup, and
    nosniff stops a browser reading them as such, so their body is given as empty."""
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    html = response.mimetype in {"text/html", "application/xhtml+xml", "image/svg+xml"}
    body = response.get_data(as_text=True) if html else ""
    response.close()  # a file sent by send_file stays open until then
    return response.status_code, body


def assert_escaped(body: str, where: str) -> None:
    for raw in RAW:
        assert raw not in body, f"{where} shows the document's markup unescaped"


def test_the_payload_reached_the_graph(hostile_build: Path) -> None:
    assert hostile_entities(hostile_build), "no extracted fact quotes the payload"


def test_every_page_without_parameters_is_escaped(hostile_app: Flask) -> None:
    client = hostile_app.test_client()
    paths = sorted(
        rule.rule for rule in hostile_app.url_map.iter_rules()
        if "GET" in (rule.methods or set()) and not rule.arguments
    )
    for path in paths:
        status, body = page(client, path)
        assert status < 500, f"{path}: {status}"
        assert_escaped(body, path)


def test_the_document_view_shows_the_text_escaped(hostile_app: Flask) -> None:
    client = hostile_app.test_client()
    status, body = page(client, f"/documents/{HOSTILE_STEM}")
    if status == 404 and page(client, "/documents/csh-work-plan")[0] == 404:
        pytest.skip("no document view (/documents/<stem>) in this server")
    assert status == 200
    assert_escaped(body, "document view")
    assert "&lt;script&gt;" in body or "\\u003cscript" in body


def test_entity_pages_show_quotes_escaped(hostile_app: Flask, hostile_build: Path) -> None:
    client = hostile_app.test_client()
    shown = 0
    for iri in hostile_entities(hostile_build):
        path = "/id/" + iri.removeprefix(DEFAULT_BASE)
        status, body = page(client, path)
        if status == 404:
            continue
        assert status == 200, path
        assert_escaped(body, path)
        shown += 1
    if not shown:
        pytest.skip("no entity page (/id/...) answered for the hostile entities")


def test_named_query_pages_are_escaped(hostile_app: Flask) -> None:
    client = hostile_app.test_client()
    status, index = page(client, "/queries")
    if status == 404:
        pytest.skip("no named queries (/queries) in this server")
    names = sorted(set(re.findall(r'href="/queries/([a-z0-9-]+)', index)))
    assert names
    document = urllib.parse.quote(f"{DEFAULT_BASE}source/{HOSTILE_STEM}", safe="")
    for name in names:
        for query in ("", f"?document={document}&plan={document}"):
            status, body = page(client, f"/queries/{name}{query}")
            assert status < 500, f"/queries/{name}{query}: {status}"
            assert_escaped(body, f"/queries/{name}{query}")


TRAVERSALS = [
    "/queries/../../pyproject.toml",
    "/queries/..%2F..%2Fpyproject.toml",
    "/queries/%2e%2e%2f%2e%2e%2fpyproject",
    "/queries/....//....//pyproject",
    "/queries/..%5c..%5cpyproject",
    "/documents/../../../../../../etc/passwd",
    "/documents/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/documents/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/documents//etc/passwd",
    "/documents/..%00/passwd",
    "/static/../__init__.py",
    "/static/..%2f__init__.py",
    "/static/%2e%2e/settings.py",
    "/static/css/../../settings.py",
    "/static/css/..%2f..%2fsettings.py",
    "/static//etc/passwd",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/dumps/..%2F..%2Fpyproject.toml",
    "/dumps/../../pyproject.toml",
    "/id/../../../etc/passwd",
    "/id/..%2F..%2F..%2Fetc%2Fpasswd",
    "/ontology.ttl/../../pyproject.toml",
]


@pytest.mark.server
@pytest.mark.parametrize("target", TRAVERSALS)
def test_path_traversal_is_refused(live_server: str, target: str) -> None:
    """Sent byte for byte over HTTP: no client normalises the dots away first."""
    host, port = urllib.parse.urlsplit(live_server).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request("GET", target)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
    finally:
        conn.close()
    assert response.status in {400, 403, 404, 308}, f"{target}: {response.status}"
    if response.status == 308:  # werkzeug merging '//': the target must still be refused
        assert "://" not in (response.getheader("Location") or "").split("/", 3)[-1]
    for secret in SECRETS:
        assert secret not in body, f"{target} leaked a file ({secret!r})"


def test_a_document_over_the_limit_is_refused_with_a_message(tmp_path: Path) -> None:
    document = tmp_path / "large.txt"
    document.write_text("Le Conseil permanent décide. " * 400, encoding="utf-8")
    done = cli("build", "--build-dir", str(tmp_path / "build"), str(document),
               MANDATE_GRAPH_MAX_DOCUMENT_BYTES="4096")
    assert done.returncode == 2
    assert "large.txt" in done.stderr and "MANDATE_GRAPH_MAX_DOCUMENT_BYTES" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "build" / "current").exists()


def test_a_sparse_100_mb_document_is_refused_before_it_is_read(tmp_path: Path) -> None:
    document = tmp_path / "huge.txt"
    with document.open("wb") as out:
        out.truncate(100 * 1024 * 1024)  # sparse: 100 MB long, no disk blocks
    done = cli("build", "--build-dir", str(tmp_path / "build"), str(document))
    assert done.returncode == 2
    assert "huge.txt" in done.stderr and "104,857,600 bytes" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_document_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    document = tmp_path / "latin.txt"
    document.write_bytes("Résolution du Conseil permanent\n".encode("latin-1"))
    done = cli("build", "--build-dir", str(tmp_path / "build"), str(document))
    assert done.returncode == 2
    assert "latin.txt" in done.stderr and "not UTF-8" in done.stderr
    assert "Traceback" not in done.stderr


def validate_exists() -> bool:
    return cli("validate", "--help").returncode == 0


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b'@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "open .\n', 3),
        (b"@prefix ex: <http://example.org/> .\n\nex:a ex:b ex:c\nex:d ex:e ex:f .\n", 4),
        (b"@prefix ex: <http://example.org/> .\nex:a ex:b \"caf\xe9\" .\n", 2),
    ],
    ids=["unterminated-string", "missing-dot", "not-utf8"],
)
def test_validate_names_the_file_and_line_of_malformed_turtle(
    tmp_path: Path, content: bytes, line: int
) -> None:
    if not validate_exists():
        pytest.skip("no `mandate-graph validate` command in this version")
    data = tmp_path / "broken.ttl"
    data.write_bytes(content)
    done = cli("validate", str(data))
    assert done.returncode == 2, done.stdout + done.stderr
    message = done.stderr + done.stdout
    assert "broken.ttl" in message and re.search(rf"\bline {line}\b|broken\.ttl:{line}\b", message)
    assert "Traceback" not in message


def test_hostile_file_names_become_safe_identifiers(tmp_path: Path) -> None:
    """A name with markup or dots cannot become a path or markup: its stem is [a-z0-9-]."""
    from graph.sources import stem_of

    for name in ['<script>x</script>.txt', "../../etc/passwd.txt", "..txt", "a b/../c.txt"]:
        assert re.fullmatch(r"[a-z0-9-]+", stem_of(Path(name)))
    shutil.rmtree(tmp_path, ignore_errors=True)
