"""Technician mode's screens: the PIN pad, the technician screen (a frame of tools) and
its tool panels, each rendering a `kiosk.technician` tool's state and turning taps into
its actions. Thin, like every screen (no HTTP, SQL or serial code here): blocking work
goes through the runner they are given, and `kiosk.journeys.technician` wires them.
"""
