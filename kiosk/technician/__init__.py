"""Technician mode's logic, without Qt: what each tool on the technician's touch screen
does with the kiosk's parts (printer, card terminal, outbox, site settings).

The screens in `kiosk.screens.technician` render these and forward taps; the CLI tools
(`kiosk print-test`, `terminal-test`, `queue`) share the same code underneath.
"""
