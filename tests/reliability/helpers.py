"""Helpers shared by the queue's end-to-end tests: payloads, and what the server holds."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from kiosk.config import ApiSettings
from kiosk.offline_queue.entry import OutboxEntry
from sandbox.runner import SandboxProcess
from tests.reliability.payloads import answers, enqueue, new_run

__all__ = ["ServerView", "answers", "api_settings", "enqueue", "marker_of", "new_run",
           "server_view"]


def api_settings(sandbox: SandboxProcess) -> ApiSettings:
    return ApiSettings(base_url=sandbox.base_url, ca_bundle=sandbox.ca_path,
                       api_key=sandbox.api_key, connect_timeout_s=2.0, read_timeout_s=10.0)


@dataclass(frozen=True)
class ServerView:
    """What the sandbox holds for one run: transactions by marker, answers by key."""

    transactions: list[dict[str, Any]]
    markers: Counter[str]
    answers_by_key: dict[str, dict[str, Any]]

    def transaction_for(self, marker: str) -> dict[str, Any]:
        (found,) = [t for t in self.transactions if t["marker"] == marker]
        return found

    def transaction_numbered(self, number: str) -> dict[str, Any]:
        (found,) = [t for t in self.transactions if t["number"] == number]
        return found


def server_view(sandbox: SandboxProcess, run: str) -> ServerView:
    transactions = []
    for row in sandbox.admin.records("transactions"):
        answers = json.loads(row["answers_json"])
        shop = str(answers.get("shop_name", ""))
        if shop.startswith(f"CT {run}-"):
            transactions.append({**row, "answers": answers, "marker": shop[3:]})
    transactions.sort(key=lambda t: (t["submitted_at"], t["number"]))
    answers_by_key = {row["key"]: {"status": row["status"], "body": json.loads(row["body"])}
                      for row in sandbox.admin.records("idempotency")}
    return ServerView(transactions, Counter(t["marker"] for t in transactions), answers_by_key)


def marker_of(entry: OutboxEntry) -> str:
    """The marker of an entry that still holds its payload (not yet delivered)."""
    assert entry.payload is not None
    return str(entry.payload["application"]["answers"]["shop_name"])[3:]


