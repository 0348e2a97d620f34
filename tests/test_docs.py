"""Documentation that the tests enforce: every setting is in docs/settings.md with its default."""

from __future__ import annotations

import re

import pytest

from graph.config import PROJECT_ROOT
from server.settings import Settings

SETTINGS_DOC = (PROJECT_ROOT / "docs" / "settings.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "default", "help_text"), Settings.documented())
def test_every_setting_is_documented_with_its_default(
    name: str, default: object, help_text: str
) -> None:
    row = re.search(rf"^\| `{name}` \| `([^`]*)` \| (.+) \|$", SETTINGS_DOC, re.MULTILINE)
    assert row, f"setting {name} is missing from docs/settings.md"
    assert row.group(1) == str(default)
    assert row.group(2) == help_text


def test_readme_opens_with_the_two_commands() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make serve", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    script = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [
        line
        for line in script.splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert lines == ["make test"]
