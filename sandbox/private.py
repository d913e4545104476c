"""Files only their owner may read: the admin and scrape tokens and the sandbox's log.

The admin token never travels on a command line (any user sees those in `ps`) nor in
printed output; it sits in a 0600 file that the runner, or a person, reads. The log
beside it is 0600 too: it holds the server's own output and sits in the same data
directory as the kiosk's API key.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO

ADMIN_TOKEN_FILE = "admin-token"  # noqa: S105 (a file name), in the data directory
SCRAPE_TOKEN_FILE = "scrape-token"  # noqa: S105 (a file name): the /metrics credential


def _open_private(path: Path) -> int:
    # O_NOFOLLOW: a symlink planted where the file goes is refused, not written through.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its old mode through O_CREAT
    return fd


def open_private(path: Path) -> IO[bytes]:
    """`path` truncated and opened for writing bytes, readable by its owner only."""
    return os.fdopen(_open_private(path), "wb")


def write_private(path: Path, text: str) -> None:
    with os.fdopen(_open_private(path), "w", encoding="utf-8") as out:
        out.write(text)


def read_private(path: Path) -> str:
    """The stripped text of an owner-only file; ValueError (a sentence) when it is not
    one, is empty or is missing, like ssh refusing a key file others can read."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror}") from None
    if mode & 0o077:
        raise ValueError(f"{path} can be read by other users (mode {mode:04o}); "
                         f"run: chmod 600 {path}")
    if not text:
        raise ValueError(f"{path} is empty")
    return text
