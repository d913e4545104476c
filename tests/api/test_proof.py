"""The beneficiary's proof for a queued submission (`kiosk.api.proof`), end to end.

What a copied disk yields (an outbox row: the application, its idempotency key and the
proof) must be worth nothing beyond repeating that exact request, which the sandbox
answers from its idempotency store. Against the real sandbox over HTTPS.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.api.errors import RejectedError
from kiosk.api.proof import canonical_application, make_proof, submit_key, token_id
from kiosk.api.schema import ApplicationDraft, LicenceKind
from kiosk.offline_queue.policy import Verdict, classify
from sandbox.db import Database
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN
from tests.api.test_contract import professional
from tests.fixtures.sandbox import identify


def stored(application: ApplicationDraft, proof_for: tuple[str, str, ApplicationDraft]
           ) -> dict[str, Any]:
    """The outbox payload: `application`, with the proof made for (token, key, draft)."""
    return {"application": application.model_dump(mode="json"),
            "beneficiary_proof": make_proof(*proof_for).model_dump()}


def transactions_of(sandbox: SandboxProcess) -> int:
    return sum(1 for t in sandbox.admin.records("transactions")
               if t["national_id"] == CLEAN.national_id)


def test_the_canonical_form_ignores_key_order_and_keeps_arabic() -> None:
    one = ApplicationDraft(licence_type=LicenceKind.PROFESSIONAL,
                           answers={"a": "خياط", "b": 40})
    other = ApplicationDraft(licence_type=LicenceKind.PROFESSIONAL,
                             answers={"b": 40, "a": "خياط"})
    assert canonical_application(one) == canonical_application(other)
    assert "خياط".encode() in canonical_application(one)
    proof = make_proof("t" * 43, str(uuid.uuid4()), one)
    assert proof.token_id == token_id("t" * 43)
    assert len(proof.mac) == 43
    assert submit_key("t" * 43) != bytes.fromhex(token_id("t" * 43))


def test_a_copied_proof_repeats_only_its_own_request(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    token = identify(sandbox, api_client, CLEAN).token
    key = str(uuid.uuid4())
    original = professional()
    payload = stored(original, (token, key, original))
    first = api_client.send("submit_application", payload, key)
    before = transactions_of(sandbox)
    # The exact request again, under its key: the first answer, nothing new filed.
    assert api_client.send("submit_application", payload, key) == first
    # The copied proof with a different application, under a fresh key: refused.
    other = professional(shop_name="خياط آخر", activity="laundry")
    with pytest.raises(RejectedError) as changed:
        api_client.send("submit_application", stored(other, (token, key, original)),
                        str(uuid.uuid4()))
    assert (changed.value.status, changed.value.code) == (422, "beneficiary_proof_invalid")
    # The same application and proof under a different key: refused too.
    with pytest.raises(RejectedError) as rekeyed:
        api_client.send("submit_application", payload, str(uuid.uuid4()))
    assert rekeyed.value.code == "beneficiary_proof_invalid"
    # A refusal the queue parks for good, never retries.
    assert classify(rekeyed.value) is Verdict.DEAD
    # A different application under the original key: the key is spent.
    with pytest.raises(RejectedError) as reused:
        api_client.send("submit_application", stored(other, (token, key, original)), key)
    assert reused.value.code == "idempotency_key_reused"
    assert transactions_of(sandbox) == before


def test_a_proof_made_without_the_token_is_refused(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    token = identify(sandbox, api_client, CLEAN).token
    key = str(uuid.uuid4())
    application = professional()
    # Someone who knows the token's id (it is on the copied disk) but not the token.
    forged = make_proof("a-guess-at-the-token-0123456789abcdef", key, application)
    forged = forged.model_copy(update={"token_id": token_id(token)})
    payload = {"application": application.model_dump(mode="json"),
               "beneficiary_proof": forged.model_dump()}
    with pytest.raises(RejectedError) as refused:
        api_client.send("submit_application", payload, key)
    assert refused.value.code == "beneficiary_proof_invalid"


def test_a_data_folder_from_before_the_submit_key_gains_the_column(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.sqlite3"
    with sqlite3.connect(path) as conn:  # the tokens table as the first release made it
        conn.execute(
            "CREATE TABLE tokens (token_sha256 TEXT PRIMARY KEY, national_id TEXT NOT NULL,"
            " kiosk_id TEXT NOT NULL, issued_at TEXT NOT NULL, expires_at TEXT NOT NULL,"
            " submit_until TEXT NOT NULL)")
        conn.execute("INSERT INTO tokens VALUES ('x', '1', 'K', 'a', 'b', 'c')")
    conn.close()
    db = Database(path)
    try:
        with db.transaction() as conn:
            columns = {row["name"] for row in conn.execute("PRAGMA table_info(tokens)")}
            old = conn.execute("SELECT * FROM tokens").fetchone()
    finally:
        db.close()
    assert "submit_key" in columns
    assert (old["token_sha256"], old["submit_key"]) == ("x", None)  # kept; its proofs fail
