"""What the SPARQL 1.1 Protocol asks of every request, for the query and the update routes alike.

One operation per request (two ``query`` or ``update`` parameters are a 400: the protocol allows
exactly one), a body in UTF-8 (the only encoding the protocol allows: a ``charset`` other than
UTF-8 is a 415), and dataset parameters that are absolute IRIs (a 400 otherwise, never a crash in
the store).
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import request

from server.errors import ApiError


def operation_text(name: str, direct_type: str) -> str | None:
    """The one ``query`` (or ``update``) of the request, from whichever form the protocol gave.

    GET reads the URL; a POST of ``direct_type`` reads its body; a form POST reads its fields.
    A second copy anywhere (two fields, or one in the URL and one in the body) is a 400, as is
    an operation the request sends twice in another way; any other Content-Type is a 415.
    """
    in_url = request.args.getlist(name)
    if request.method == "GET":
        texts = in_url
    elif request.mimetype == direct_type:
        require_utf8()
        texts = [request.get_data(as_text=True), *in_url]
    elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        require_utf8()
        texts = [*request.form.getlist(name), *in_url]
    else:
        shown = request.mimetype or "none"
        raise ApiError(
            415,
            f"unsupported Content-Type ({shown}): send '{direct_type}' or an "
            f"'application/x-www-form-urlencoded' form holding '{name}'",
        )
    if len(texts) > 1:
        raise ApiError(
            400, f"{len(texts)} '{name}' parameters: send exactly one {name} per request"
        )
    return texts[0] if texts else None


def require_utf8() -> None:
    """A body in another encoding than UTF-8 is a 415 (SPARQL 1.1 Protocol §2.1.2, §2.2.2)."""
    charset = request.mimetype_params.get("charset", "utf-8").strip().lower()
    if charset not in {"utf-8", "utf8"}:
        raise ApiError(
            415, f"unsupported charset {charset!r}: the SPARQL protocol takes UTF-8 only"
        )


def graph_iris(name: str) -> tuple[str, ...]:
    """The IRIs given for a dataset parameter, checked so a bad one is a 400, not a crash."""
    iris = tuple(request.values.getlist(name))
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise ApiError(400, f"{name} {iri!r} is not an absolute IRI") from None
    return iris
