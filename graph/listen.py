"""Open the server's listening sockets, or say in one line why they cannot be opened.

Binding is the step of ``mandate-graph serve`` that most often fails on a newcomer's machine:
another server already holds port 8000, the host given is not an address of this machine, a
port below 1024 needs administrator rights. waitress reports these as an ``OSError`` (or a
``ValueError`` for a host name that does not resolve) from deep inside its constructor, and
leaves the sockets it had opened unclosed. So the sockets are bound here, *before* the query
workers start and before waitress sees them: a failure closes what was opened, costs nothing,
and becomes a message that names the fix (the option and the environment variable).
"""

from __future__ import annotations

import errno
import logging
import socket
from typing import Any

import waitress.server

PORTS = range(1, 65536)
"""TCP ports a server can listen on; waitress would silently wrap 70000 round to 4464."""

HOST_FIX = (
    "give --host ADDRESS (127.0.0.1, or 0.0.0.0 for every interface) or set MANDATE_GRAPH_HOST"
)


class ListenError(Exception):
    """The socket cannot be opened; the message says why and what to give instead."""


def listen(app: Any, *, host: str, port: int, threads: int) -> Any:
    """A waitress server on ``host:port``, bound but not yet serving: call its ``run()``.

    Every address ``host`` resolves to is bound, as waitress would (``localhost`` may be both
    127.0.0.1 and ::1). Raises ListenError with a one-line message when one cannot be.
    """
    if port not in PORTS:
        raise ListenError(
            f"port {port} is not a TCP port; give --port N (1 to 65535) or set MANDATE_GRAPH_PORT"
        )
    sockets = bind(host, port)
    logging.basicConfig()  # as waitress.serve does: its warnings (queue depth …) reach stderr
    try:
        return waitress.server.create_server(
            app, sockets=sockets, threads=threads, ident="mandate-graph"
        )
    except BaseException:
        for sock in sockets:
            sock.close()
        raise


def bind(host: str, port: int) -> list[socket.socket]:
    """Sockets bound to every address of ``host`` on ``port``; on failure, none left open."""
    try:
        found = socket.getaddrinfo(
            host, port, socket.AF_UNSPEC, socket.SOCK_STREAM, socket.IPPROTO_TCP,
            socket.AI_PASSIVE,
        )
    except (socket.gaierror, UnicodeError) as err:
        raise ListenError(
            f"cannot listen on {host}:{port}: {host!r} is not an address or a host name that "
            f"resolves; {HOST_FIX}"
        ) from err
    addresses = list(dict.fromkeys((family, address) for family, _, _, _, address in found))
    sockets: list[socket.socket] = []
    try:
        for family, address in addresses:
            sock = socket.socket(family, socket.SOCK_STREAM)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind(address)
    except OSError as err:
        for sock in sockets:
            sock.close()
        raise ListenError(bind_error_message(host, port, err)) from err
    return sockets


def bind_error_message(host: str, port: int, err: OSError) -> str:
    """What a failed bind means for the user, and the setting that fixes it."""
    if err.errno == errno.EADDRINUSE:
        return f"port {port} is in use (another server?); give --port N or set MANDATE_GRAPH_PORT"
    if err.errno == errno.EADDRNOTAVAIL:
        return (
            f"cannot listen on {host}:{port}: {host} is not an address of this machine; "
            + HOST_FIX
        )
    if err.errno in (errno.EACCES, errno.EPERM):
        low = " (ports below 1024 need administrator rights)" if port < 1024 else ""
        return (
            f"cannot listen on port {port}: permission denied{low}; give --port N or set "
            "MANDATE_GRAPH_PORT"
        )
    reason = err.strerror or str(err)
    return (
        f"cannot listen on {host}:{port}: {reason}; give another --host or --port "
        "(or MANDATE_GRAPH_HOST, MANDATE_GRAPH_PORT)"
    )
