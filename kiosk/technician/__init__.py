"""Technician mode's logic, without Qt: the hidden door, the PIN lock, the audit log,
the technician's own out-of-service hold, and what each tool on the technician's touch
screen does with the kiosk's parts (printer, card terminal, outbox, site settings).

A technician on site has only the touch screen. What decides who gets in, what is kept
across a restart and what is written down lives here, testable without a screen; the
screens (`kiosk.screens.technician`) only show it and forward taps, and
`kiosk.journeys.technician` wires the two. The CLI tools (`kiosk print-test`,
`terminal-test`, `queue`) share the same code underneath.
"""
