"""Installing the Debian packages a tier of tests needs (Chromium for the browser tests,
Virtuoso for the external-store tests), the one way: non-interactive apt-get, its last lines
in the message when it fails, so that the tests are skipped with the reason instead."""

from __future__ import annotations

import os
import subprocess


def apt_install(packages: list[str], unavailable: type[Exception]) -> None:
    """``apt-get update`` then install ``packages``; ``unavailable`` raised when either fails."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
    ):
        try:
            done = subprocess.run(  # noqa: S603 (fixed command)
                command, env=env, capture_output=True, text=True, timeout=900, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise unavailable(f"`{' '.join(command)}` failed: {err}") from None
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise unavailable(f"`{' '.join(command)}` failed: {' / '.join(tail)}")
