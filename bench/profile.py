"""Where the server spends a request: py-spy samples of the real server process, by part.

Why a profiler and not more timing: the endpoint's overhead over raw pyoxigraph is a millisecond
or two spread over the HTTP server, Flask, the app and the hop to a query worker process, and
only sampling the running server says which part it is. py-spy samples the process from outside
(``--nonblocking``: the server is never paused), so the requests it sees are ordinary ones.
"""

from __future__ import annotations

import collections
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.endpoint import Client
from bench.report import Report, Table, ms

#: Sampling rate (Hz): one sample is 1000 / RATE ms of one thread's time.
RATE = 500
#: The part a sample belongs to: the first whose file is in the stack (``anywhere``) or in its
#: innermost frame. A thread waiting on the query worker's pipe is in the worker's part (the
#: query itself and the hop to it); other threads waiting for work (a condition, waitress's
#: select loop) are idle, not part of any request.
PARTS: list[tuple[str, str, bool]] = [
    ("query worker (the query itself, the pipe to it)", "multiprocessing/connection.py", True),
    ("pickling the job and the answer", "multiprocessing/reduction.py", True),
    ("idle", "threading.py", False),
    ("idle", "selectors.py", False),
    ("idle", "poll (waitress/wasyncore.py", False),  # the main loop waiting for a socket
    ("idle", "poll2 (waitress/wasyncore.py", False),
    ("waitress handing the answer to its main loop", "waitress/trigger.py", False),
    ("socket to the client", "waitress/wasyncore.py", False),
    ("waitress (HTTP parsing, headers)", "waitress/", False),
]
OTHER = "Flask, werkzeug and the app's own code"


def part_of(frames: list[str]) -> str:
    for name, file, anywhere in PARTS:
        if any(file in f for f in frames) if anywhere else file in frames[-1]:
            return name
    return OTHER


def profile_endpoint(report: Report, store: Path, query: str, raw_seconds: float,
                     seconds: float = 8.0) -> None:
    """Sample a fresh server while one client repeats the named query ``query``."""
    table = Table(f"Where the server spends a request: {query} (py-spy, {RATE} Hz)",
                  ["part", "share of busy samples", "ms per request"])
    beside = Path(sys.executable).parent / "py-spy"  # the virtualenv's, when not on PATH
    spy = str(beside) if beside.exists() else shutil.which("py-spy")
    if spy is None:
        table.notes.append("not run: py-spy is not installed (it is in requirements.lock)")
        report.add(table)
        return
    from tests.conftest import start_server, stop_server

    proc, url = start_server(f"oxigraph:{store}", "--workers", "2", "--threads", "8",
                             "--query-timeout", "900", MANDATE_GRAPH_RATE_LIMIT_PER_MINUTE="0")
    client = Client(url)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "samples.txt"
        try:
            for _ in range(20):  # warm the worker before sampling
                client.named(query)
            sampler = subprocess.Popen(  # noqa: S603 - our own tool on our own process
                [spy, "record", "-p", str(proc.pid), "-d", str(int(seconds)), "-r", str(RATE),
                 "--nonblocking", "--idle", "--format", "raw", "-o", str(out)],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )
            time.sleep(1.0)  # py-spy attaches
            requests = 0
            end = time.monotonic() + seconds - 2.0
            while time.monotonic() < end:
                client.named(query)
                requests += 1
            _, err = sampler.communicate(timeout=seconds + 30)
        finally:
            client.close()
            stop_server(proc)
        if not out.exists() or not requests:
            table.notes.append(f"not run: py-spy gave no samples ({err.decode()[:200].strip()})")
            report.add(table)
            return
        parts: collections.Counter[str] = collections.Counter()
        for line in out.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if stack and count.isdigit():
                parts[part_of(stack.split(";"))] += int(count)
    busy = sum(n for name, n in parts.items() if name != "idle")
    per_sample = 1.0 / RATE
    for name, count in parts.most_common():
        if name != "idle":
            table.rows.append([name, f"{count / busy:.0%}", ms(count * per_sample / requests)])
    table.rows.append(["all busy samples", "100%", ms(busy * per_sample / requests)])
    table.notes.append(
        f"{requests:,} requests of GET /queries/{query} in about {seconds - 2:.0f} s, one client "
        f"(raw pyoxigraph: {ms(raw_seconds)} ms). A sample is one server thread's state every "
        f"{1000 / RATE:.0f} ms; a thread in a system call that wakes another process (the pipe to "
        "the worker, the socket to the client, waitress's trigger) counts the time until it is "
        "scheduled again, which on two cores includes the other process running.")
    report.add(table)
