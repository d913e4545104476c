"""Al-Ahsa Municipality self-service kiosk.

The package is the kiosk application: a touch-first Qt shell over plain-Python journeys,
a client for the municipality API, device drivers and a durable offline outbox.
"""

__version__ = "0.1.0"
