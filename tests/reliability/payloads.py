"""Queued payloads for the end-to-end tests (no sandbox imports: the crash child loads it
and must start fast)."""

from __future__ import annotations

import copy
import uuid
from typing import Any


def application(template: dict[str, Any], marker: str, **answers: Any) -> dict[str, Any]:
    payload = copy.deepcopy(template)
    payload["application"]["answers"]["shop_name"] = f"CT {marker}"
    payload["application"]["answers"].update(answers)
    return payload


def new_run() -> str:
    """A prefix that separates one test's requests from every other's on the server."""
    return uuid.uuid4().hex[:8]
