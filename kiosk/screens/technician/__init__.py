"""Technician mode's screens: the PIN pad, the technician screen (a frame of tools) and
its tool panels. Thin, like every screen: the logic is `kiosk.technician`'s, blocking
work goes through the runner they are given, and `kiosk.journeys.technician` wires them.
"""
