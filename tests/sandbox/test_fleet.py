"""The fleet endpoints over real HTTPS: a kiosk's heartbeat (as itself only), the operators'
commands it answers with until they are acknowledged, the screenshot, and the strict
schema's refusals (a 4xx problem, never a 500)."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from kiosk.api.schema import SCREENSHOT_MAX_BYTES, ErrorBody, HeartbeatReply
from sandbox.edge import HEARTBEAT_MAX_BODY_BYTES
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN, DEV_KIOSK_ID, KIOSKS

OTHER = next(k for k in KIOSKS if k.id == "AHS-HOF-01")


def png(width: int = 2, height: int = 2) -> bytes:
    """A real (grey) PNG image, made by hand: the sandbox side has no Qt."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def beat(kiosk_id: str = DEV_KIOSK_ID, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kiosk_id": kiosk_id, "taken_at": datetime.now(UTC).isoformat(), "status": "warning",
        "components": [
            {"component": "printer", "status": "warning", "summary": "paper roll nearly done",
             "details": {"state": "paper near end", "printed": 12}},
            {"component": "offline_queue", "status": "ok", "summary": "1 request(s) waiting",
             "details": {"pending": 1, "in_flight": 0, "dead": 0,
                         "oldest_pending_age_s": 4.5, "online": True}},
        ],
        "version": "0.1.0", "in_service": True,
    }
    body.update(changes)
    return body


@pytest.fixture
def kiosk_http(sandbox: SandboxProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.base_url, verify=sandbox.ssl_context(),
                      headers={"Authorization": f"Bearer {sandbox.api_key}"}) as client:
        yield client


def send(http: httpx.Client, body: dict[str, Any], kiosk_id: str = DEV_KIOSK_ID) -> HeartbeatReply:
    response = http.post(f"/kiosks/{kiosk_id}/heartbeat", json=body)
    assert response.status_code == 200, response.text
    return HeartbeatReply.model_validate_json(response.content)


def refused(response: httpx.Response, status: int, code: str | None = None) -> ErrorBody:
    assert response.status_code == status, response.text
    body = ErrorBody.model_validate_json(response.content)
    if code is not None:
        assert body.code == code
    return body


def test_a_heartbeat_is_kept_as_the_kiosks_last_state(
        sandbox: SandboxProcess, kiosk_http: httpx.Client) -> None:
    fleet = {k.kiosk_id: k for k in sandbox.admin.fleet().kiosks}
    assert fleet[DEV_KIOSK_ID].last_heartbeat_at is None  # enrolled, never heard from
    assert "AHS-OLD-01" not in fleet  # withdrawn from service

    reply = send(kiosk_http, beat())
    assert reply.commands == []
    send(kiosk_http, beat(in_service=False, version="0.2.0"))
    kiosk = {k.kiosk_id: k for k in sandbox.admin.fleet().kiosks}[DEV_KIOSK_ID]
    assert kiosk.last_heartbeat_at is not None
    assert kiosk.version == "0.2.0"  # the newest heartbeat replaced the first
    assert kiosk.in_service is False
    assert [c.component for c in kiosk.components] == ["printer", "offline_queue"]


def test_commands_are_answered_until_acknowledged(
        sandbox: SandboxProcess, kiosk_http: httpx.Client) -> None:
    out = sandbox.admin.command(DEV_KIOSK_ID, "out_of_service",
                                reason_en="Closed for maintenance", reason_ar="مغلق للصيانة")
    shot = sandbox.admin.command(DEV_KIOSK_ID, "screenshot")
    sandbox.admin.command(OTHER.id, "screenshot")  # another kiosk's: not ours

    first = send(kiosk_http, beat())
    assert [(c.id, c.kind.value) for c in first.commands] == [
        (out.id, "out_of_service"), (shot.id, "screenshot")]
    assert first.commands[0].reason_ar == "مغلق للصيانة"
    # Not acknowledged: answered again (a lost answer loses no command).
    assert [c.id for c in send(kiosk_http, beat()).commands] == [out.id, shot.id]

    later = send(kiosk_http, beat(acknowledged=[out.id], in_service=False))
    assert [c.id for c in later.commands] == [shot.id]
    states = {c.id: c for c in {k.kiosk_id: k for k in sandbox.admin.fleet().kiosks}[
        DEV_KIOSK_ID].commands}
    assert states[out.id].acknowledged_at is not None
    assert states[shot.id].acknowledged_at is None


def test_a_screenshot_is_stored_and_served_to_operators(
        sandbox: SandboxProcess, kiosk_http: httpx.Client) -> None:
    with pytest.raises(httpx.HTTPStatusError) as missing:
        sandbox.admin.screenshot(DEV_KIOSK_ID)
    assert missing.value.response.status_code == 404
    picture = png(4, 3)
    send(kiosk_http, beat(screenshot_png=base64.b64encode(picture).decode()))
    assert sandbox.admin.screenshot(DEV_KIOSK_ID) == picture
    send(kiosk_http, beat())  # a heartbeat without one keeps the last picture
    assert sandbox.admin.screenshot(DEV_KIOSK_ID) == picture
    kiosk = {k.kiosk_id: k for k in sandbox.admin.fleet().kiosks}[DEV_KIOSK_ID]
    assert kiosk.screenshot_at is not None


def test_a_kiosk_heartbeats_as_itself_only(
        sandbox: SandboxProcess, kiosk_http: httpx.Client) -> None:
    refused(kiosk_http.post(f"/kiosks/{OTHER.id}/heartbeat", json=beat(OTHER.id)), 403,
            "kiosk_mismatch")
    body = refused(kiosk_http.post(f"/kiosks/{DEV_KIOSK_ID}/heartbeat", json=beat(OTHER.id)),
                   422, "invalid_request")
    assert body.problems[0].field == "kiosk_id"
    with httpx.Client(base_url=sandbox.base_url, verify=sandbox.ssl_context()) as anonymous:
        refused(anonymous.post(f"/kiosks/{DEV_KIOSK_ID}/heartbeat", json=beat()), 401,
                "kiosk_key_required")
    assert {k.kiosk_id: k for k in sandbox.admin.fleet().kiosks}[
        OTHER.id].last_heartbeat_at is None


@pytest.mark.parametrize(("change", "field"), [
    ({"status": "fine"}, "status"),
    ({"in_service": "yes"}, "in_service"),
    ({"taken_at": 0}, "taken_at"),
    ({"version": ""}, "version"),
    ({"acknowledged": ["not-a-uuid"]}, "acknowledged.0"),
    ({"components": [{"component": "printer", "status": "ok", "summary": "x",
                      "details": {"nested": {"a": 1}}}]}, "components.0.details.nested"),
    ({"components": [{"component": "x" * 80, "status": "ok", "summary": "x"}]},
     "components.0.component"),
    ({"components": [{"component": "printer", "status": "ok", "summary": "x" * 301}]},
     "components.0.summary"),
    ({"screenshot_png": "not base64!"}, "screenshot_png"),
    ({"screenshot_png": base64.b64encode(b"GIF89a....").decode()}, "screenshot_png"),
    ({"screenshot_png": base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(SCREENSHOT_MAX_BYTES))
      .decode()}, "screenshot_png"),
    ({"extra": 1}, "extra"),
])
def test_bad_heartbeats_are_refused_with_the_field_named(
        kiosk_http: httpx.Client, change: dict[str, Any], field: str) -> None:
    body = refused(kiosk_http.post(f"/kiosks/{DEV_KIOSK_ID}/heartbeat", json=beat(**change)),
                   422, "invalid_request")
    # A union's refusal names each alternative under the field (details.nested.int ...).
    assert any(p.field == field or (p.field or "").startswith(f"{field}.")
               for p in body.problems), body.problems


def test_a_heartbeat_over_the_size_limit_is_refused_before_it_is_read(
        kiosk_http: httpx.Client) -> None:
    padding = "A" * HEARTBEAT_MAX_BODY_BYTES
    response = kiosk_http.post(f"/kiosks/{DEV_KIOSK_ID}/heartbeat",
                               content=json.dumps(beat(screenshot_png=padding)),
                               headers={"Content-Type": "application/json"})
    refused(response, 413, "request_too_large")
    # Other requests keep the ordinary limit.
    body = json.dumps({"national_id": CLEAN.national_id, "mobile": CLEAN.mobile,
                       "pad": "x" * 70_000})
    refused(kiosk_http.post("/identity/otp", content=body,
                            headers={"Content-Type": "application/json"}),
            413, "request_too_large")


def test_operators_commands_are_checked(sandbox: SandboxProcess) -> None:
    with httpx.Client(base_url=f"{sandbox.origin}/admin", verify=sandbox.ssl_context(),
                      headers={"X-Admin-Token": sandbox.admin_token}) as admin:
        refused(admin.post(f"/kiosks/{DEV_KIOSK_ID}/commands",
                           json={"kind": "screenshot", "reason_en": "why"}), 422)
        refused(admin.post(f"/kiosks/{DEV_KIOSK_ID}/commands",
                           json={"kind": "out_of_service", "reason_en": "Closed"}), 422)
        refused(admin.post(f"/kiosks/{DEV_KIOSK_ID}/commands",
                           json={"kind": "out_of_service", "reason_en": "a\nb",
                                 "reason_ar": "أ"}), 422)
        refused(admin.post(f"/kiosks/{DEV_KIOSK_ID}/commands", json={"kind": "reboot"}), 422)
        refused(admin.post("/kiosks/AHS-NONE-01/commands", json={"kind": "screenshot"}), 404,
                "kiosk_not_found")
        refused(admin.post("/kiosks/AHS-OLD-01/commands", json={"kind": "screenshot"}), 404,
                "kiosk_not_found")
    with httpx.Client(base_url=f"{sandbox.origin}/admin", verify=sandbox.ssl_context()) as nobody:
        refused(nobody.post(f"/kiosks/{DEV_KIOSK_ID}/commands", json={"kind": "screenshot"}),
                401, "admin_token_invalid")
        refused(nobody.get("/fleet"), 401, "admin_token_invalid")


def test_personal_looking_text_in_a_snapshot_is_not_stored(
        sandbox: SandboxProcess, kiosk_http: httpx.Client) -> None:
    leaky = beat(components=[{
        "component": "outbox", "status": "warning",
        "summary": f"refused for {CLEAN.national_id}",
        "details": {"last_error": f"mobile {CLEAN.mobile} unknown", "pending": 0}}])
    send(kiosk_http, leaky)
    stored = sandbox.admin.fleet().model_dump_json()
    assert CLEAN.national_id not in stored
    assert CLEAN.mobile not in stored
    assert "refused for [redacted]" in stored


def _state(sandbox: SandboxProcess, kiosk_id: str = DEV_KIOSK_ID) -> Any:
    return {k.kiosk_id: k for k in sandbox.admin.fleet().kiosks}[kiosk_id]


def test_up_and_down_are_kept_per_outage_not_per_heartbeat(
        sandbox: SandboxProcess, kiosk_http: httpx.Client) -> None:
    assert _state(sandbox).up is None  # enrolled, never heard from: not "down"
    send(kiosk_http, beat())
    first = _state(sandbox)
    assert first.up is True
    assert first.since == first.last_heartbeat_at
    for _ in range(3):
        send(kiosk_http, beat())
    # Ordinary heartbeats write no history: still up since the first.
    assert _state(sandbox).since == first.since
    assert len(sandbox.admin.records("fleet_transitions")) == 1

    # An hour without a heartbeat (the sandbox's clock moves on): down since 3 minutes
    # after the last one, as the KioskDown alert says.
    sandbox.admin.advance_clock(1)
    silent = _state(sandbox)
    assert silent.up is False
    assert (silent.since - silent.last_heartbeat_at).total_seconds() == pytest.approx(180)
    # The heartbeat that ends the silence writes the outage and the kiosk is up again.
    send(kiosk_http, beat())
    back = _state(sandbox)
    assert back.up is True
    assert back.since == back.last_heartbeat_at
    marks = sandbox.admin.records("fleet_transitions")
    assert [m["up"] for m in marks] == [1, 0, 1]
    outage = marks[2]["at"] - marks[1]["at"]
    assert 3600 - 180 - 5 < outage < 3600 - 180 + 60


def test_every_answer_carries_the_operators_wish_for_the_kiosks_service(
        sandbox: SandboxProcess, kiosk_http: httpx.Client) -> None:
    assert send(kiosk_http, beat()).service is not None
    assert send(kiosk_http, beat()).service.in_service is True  # type: ignore[union-attr]
    command = sandbox.admin.command(DEV_KIOSK_ID, "out_of_service", reason_en="Closed today",
                                    reason_ar="مغلق اليوم")
    reply = send(kiosk_http, beat(acknowledged=[command.id]))
    # Acknowledged, so no longer a command; the wish stays, for a kiosk that restarts.
    reply = send(kiosk_http, beat(in_service=False))
    assert reply.commands == []
    assert reply.service is not None
    assert (reply.service.in_service, reply.service.reason_en, reply.service.reason_ar) == \
        (False, "Closed today", "مغلق اليوم")
    assert _state(sandbox).service.in_service is False
    # A screenshot asked later changes nothing of it; back in service does.
    sandbox.admin.command(DEV_KIOSK_ID, "screenshot")
    assert send(kiosk_http, beat()).service.in_service is False  # type: ignore[union-attr]
    sandbox.admin.command(DEV_KIOSK_ID, "in_service")
    reply = send(kiosk_http, beat())
    assert reply.service is not None
    assert (reply.service.in_service, reply.service.reason_en) == (True, "")
