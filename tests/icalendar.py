"""Reading the iCalendar files the server writes (/timeline.ics, /reports-due.ics) the way a
calendar client would, with the line rules of RFC 5545 §3.1 checked on the way."""

from __future__ import annotations

CRLF = "\r\n"


def unfolded(text: str) -> list[str]:
    """The content lines of an iCalendar text, unfolded; fails on a bare LF or a line over 75
    octets."""
    assert text.endswith(CRLF) and "\n" not in text.replace(CRLF, "")
    physical = text[: -len(CRLF)].split(CRLF)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical), "lines are folded at 75 octets"
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines
