"""DeliveryWait, the one bounded wait issue and pay use before printing, over a real SQLite
outbox. Time is the wait's injected clock: the "worker" below settles the entry when that
clock reaches a given moment, so nothing here sleeps or depends on the machine's speed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.flows.delivery import OFFLINE_LOOK_S, DeliveryWait
from kiosk.offline_queue import EntryState, Outbox, OutboxEntry

ANSWER = {"receipt_number": "RC-1448-000101", "verification_url": "https://x/verify?s=1"}


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox.open(tmp_path / "outbox.sqlite3")
    yield box
    box.close()


@dataclass
class World:
    """A fake clock, the link as the kiosk believes it, and what the worker does when."""

    outbox: Outbox
    now: float = 0.0
    online: bool = True
    events: list[tuple[float, Callable[[], None]]] = field(default_factory=list)

    def at(self, moment: float, action: Callable[[], None]) -> None:
        self.events.append((moment, action))

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        for moment, action in [e for e in self.events if e[0] <= self.now]:
            self.events.remove((moment, action))
            action()

    def wait(self, entry: OutboxEntry, bound_s: float) -> OutboxEntry:
        return DeliveryWait(self.outbox, online=lambda: self.online, clock=lambda: self.now,
                            sleep=self.sleep).wait(entry.id, bound_s)


def stored(outbox: Outbox) -> OutboxEntry:
    return outbox.enqueue("record_payment", {"invoice_number": "INV-1447-000202"})


def test_delivered_within_the_bound_gives_the_municipalitys_answer(outbox: Outbox) -> None:
    world, entry = World(outbox), stored(outbox)
    world.at(1.0, lambda: outbox.mark_delivered(entry.id, ANSWER, "RC-1448-000101"))
    settled = world.wait(entry, 5.0)
    assert settled.state is EntryState.DELIVERED
    assert settled.answer == ANSWER


def test_not_delivered_within_the_bound_is_returned_as_it_stands(outbox: Outbox) -> None:
    world, entry = World(outbox), stored(outbox)
    world.at(6.0, lambda: outbox.mark_delivered(entry.id, ANSWER, None))
    assert world.wait(entry, 5.0).state is EntryState.PENDING  # a provisional receipt


def test_a_refusal_ends_the_wait(outbox: Outbox) -> None:
    world, entry = World(outbox), stored(outbox)
    world.at(0.2, lambda: outbox.mark_dead(entry.id, "invoice_already_paid"))
    world.at(1.0, lambda: pytest.fail("waited on after the entry was refused"))
    assert world.wait(entry, 5.0).state is EntryState.DEAD


def test_offline_one_short_look_still_catches_a_delivery_in_flight(outbox: Outbox) -> None:
    # Pay used to return at once while offline, issue took this short look: both look now.
    world, entry = World(outbox, online=False), stored(outbox)
    world.at(OFFLINE_LOOK_S / 2, lambda: outbox.mark_delivered(entry.id, ANSWER, None))
    assert world.wait(entry, 5.0).state is EntryState.DELIVERED


def test_offline_the_beneficiary_is_not_kept_for_the_whole_bound(outbox: Outbox) -> None:
    world, entry = World(outbox, online=False), stored(outbox)
    world.at(OFFLINE_LOOK_S * 2, lambda: outbox.mark_delivered(entry.id, ANSWER, None))
    assert world.wait(entry, 8.0).state is EntryState.PENDING


def test_a_link_lost_during_the_wait_ends_it_like_one_already_lost(outbox: Outbox) -> None:
    # Issue used to decide once, at the start, and then wait the whole bound.
    world, entry = World(outbox), stored(outbox)
    world.at(0.1, lambda: setattr(world, "online", False))
    world.at(3.0, lambda: outbox.mark_delivered(entry.id, ANSWER, None))
    assert world.wait(entry, 8.0).state is EntryState.PENDING
