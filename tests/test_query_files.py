"""Every query the code runs is read by one loader, graph.queries.query_text."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.config import QUERIES_DIR
from graph.queries import QueryFileError, query_text


def test_a_query_in_a_folder_is_named_by_its_relative_path() -> None:
    text = query_text("derived/mandate-versions")
    assert text == (QUERIES_DIR / "derived" / "mandate-versions.rq").read_text(encoding="utf-8")
    assert "SELECT" in text


def test_a_missing_query_file_is_named_in_the_error(tmp_path: Path) -> None:
    with pytest.raises(QueryFileError, match=r"nothing\.rq: cannot read the query file"):
        query_text("nothing", tmp_path)
