"""Small state files of technician mode in the data folder, written so a crash or a power
cut leaves the old file or the new one, never half of one (through
`config_source.write_private_file`, the one way the kiosk writes its own files)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kiosk.config_source import write_private_file


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Writes `data` as JSON to `path` atomically, mode 0600 (its folder made 0700 if
    missing)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private_file(path.parent, path.name,
                       json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
