"""The vocabulary of the pilot's figures: what an anonymous journey event may say.

Phase one is a pilot of five kiosks whose purpose is to learn where the service works and
where people give up, so each kiosk reports how it was used: a session started, a journey
chosen, each named step reached, the journey completed or abandoned (at which step, and
why), and failures by kind. Every word of such an event is one of the enums below: there
is no field in which an ID, a mobile, a name, a token, a reference, an amount or free text
could travel (`kiosk.api.schema.JourneyEvent` is built from these and nothing else).

The values are stored by the municipality and printed in its exports: never rename one.
"""

from __future__ import annotations

import enum


class Journey(enum.StrEnum):
    """The services a beneficiary chooses on Home (its four tiles)."""

    ISSUE = "issue"          # issue an electronic licence
    TRACK = "track"          # follow a transaction by its number
    PAY = "pay"              # pay fees and bills
    LICENCES = "licences"    # my licences and my transactions


class JourneyStep(enum.StrEnum):
    """A named step of a journey; the issue journey's are the step indicator's stages
    (`kiosk.flows.progress.Stage`), with the same values."""

    INTRO = "intro"                  # "what you will need" before an application
    LICENCE_TYPE = "licence_type"
    IDENTITY = "identity"            # who are you: ID, mobile, SMS code
    DETAILS = "details"              # the application's questions
    CHECK = "check"                  # check your answers
    FEE = "fee"                      # the fee, and Submit
    NUMBER = "number"                # a transaction number typed in
    RESULT = "result"                # a transaction's status on screen
    LIST = "list"                    # my licences / my transactions on screen
    INVOICES = "invoices"            # the unpaid invoices, or one typed in
    CONFIRM = "confirm"              # the amount, and Pay
    CARD = "card"                    # the card on the payment terminal


#: Each journey's steps, in the order a beneficiary meets them (the funnel's rows).
JOURNEY_STEPS: dict[Journey, tuple[JourneyStep, ...]] = {
    Journey.ISSUE: (JourneyStep.INTRO, JourneyStep.LICENCE_TYPE, JourneyStep.IDENTITY,
                    JourneyStep.DETAILS, JourneyStep.CHECK, JourneyStep.FEE),
    Journey.TRACK: (JourneyStep.NUMBER, JourneyStep.RESULT),
    Journey.PAY: (JourneyStep.IDENTITY, JourneyStep.INVOICES, JourneyStep.CONFIRM,
                  JourneyStep.CARD),
    Journey.LICENCES: (JourneyStep.IDENTITY, JourneyStep.LIST),
}


class EventKind(enum.StrEnum):
    """What happened."""

    SESSION_STARTED = "session_started"
    JOURNEY_CHOSEN = "journey_chosen"
    STEP_REACHED = "step_reached"
    COMPLETED = "completed"
    ABANDONED = "abandoned"
    FAILED = "failed"


class AbandonReason(enum.StrEnum):
    """Why a journey ended before it was completed."""

    TIMEOUT = "timeout"      # nobody touched the kiosk until the idle timeout
    CANCEL = "cancel"        # End session (header or idle warning), or Finish unfinished
    HOME = "home"            # Home, or Back out of the journey's first screen
    SWITCHED = "switched"    # went on to another service in the same session
    SERVICE = "service"      # the kiosk ended it: taken out of service, shut down


class FailureKind(enum.StrEnum):
    """What went wrong that was not the beneficiary's doing (a typo, a refused answer or
    an unknown number is not a failure)."""

    OFFLINE = "offline"      # the municipality could not be reached
    SERVER = "server"        # it answered with an error, or an unreadable answer
    PRINTER = "printer"      # the receipt did not come out
    TERMINAL = "terminal"    # the payment terminal failed or could not be reached
    DECLINED = "declined"    # the bank declined the card


#: The most events one session may report (a retry loop must not flood the outbox).
MAX_SESSION_EVENTS = 200
