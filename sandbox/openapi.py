"""`python -m sandbox.openapi [PATH]`: writes the contract as OpenAPI (docs/openapi.json).

The committed document is what the municipality would implement; a test fails when it no
longer matches the code, so the two cannot drift apart silently.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from sandbox.app import build_fastapi

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def document() -> dict[str, Any]:
    schema: dict[str, Any] = build_fastapi().openapi()
    return schema


def render() -> str:
    return json.dumps(document(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else DEFAULT_PATH
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
