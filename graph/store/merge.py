"""The merged default graph of a dataset, written as N-Quads text: each statement once,
whatever the number of documents stating it, so that a query without GRAPH counts it once.

Both stores load it (:meth:`graph.store.embedded.OxigraphStore.load_dataset`,
:meth:`graph.store.remote.SparqlHttpStore.load_dataset`), and so do the build's assembly and
the per-document validation, which is why it lives apart from either store.
"""

from __future__ import annotations

import re
from collections.abc import Collection

#: The graph label closing an N-Quads line: an IRI (never a space, quote or angle bracket inside,
#: so the match cannot start inside a literal) then the final full stop.
_GRAPH_LABEL = rb' <%s[^<>"\s]*> \.$'


def default_graph_copy(
    nquads: bytes, *, keep_prefix: str = "", keep_graphs: Collection[str] = ()
) -> bytes:
    """The statements of ``nquads`` with their graph labels dropped: the merged default graph.

    Text in, text out, at the speed of one regular-expression pass: building quad objects in
    Python to do the same costs more than loading them. Every line must carry an IRI graph label
    (the build's dumps do: each statement is in the graph of the document that states it).
    Lines of graphs whose IRI starts with ``keep_prefix``, or is one of ``keep_graphs``, are left
    as they are, so loading the copy adds nothing to the default graph for them (the
    researcher's files, merged after their own validation).
    """
    kept = [re.escape(keep_prefix.encode())] if keep_prefix else []
    kept += [re.escape(iri.encode()) + b">" for iri in sorted(keep_graphs)]
    guard = b"(?!" + b"|".join(kept) + b")" if kept else b""
    return re.sub(_GRAPH_LABEL % guard, b" .", nquads, flags=re.MULTILINE)
