"""The kinds of request the kiosk keeps in its outbox until the municipality has them.

The flows (and the journey event recorder) write them, the outbox stores them (by value,
in SQLite), its deliverer checks them and the API client turns each into its HTTP call:
one enum for all four, so a new kind cannot be queued by one part and unknown to another.
Heartbeats are not here: the newest replaces the older, they are never queued.
"""

from __future__ import annotations

import enum


class RequestKind(enum.StrEnum):
    """A queued request's kind. The values are stored on disk: never rename one."""

    #: A licence application (`kiosk.api.schema.SubmitApplication`).
    SUBMIT_APPLICATION = "submit_application"
    #: An approved card payment (`kiosk.api.schema.RecordPayment`).
    RECORD_PAYMENT = "record_payment"
    #: One session's anonymous journey events for the pilot's figures
    #: (`kiosk.api.schema.RecordJourneyEvents`).
    JOURNEY_EVENTS = "journey_events"
