"""Technician mode's panels: one thin widget per tool, rendering a `kiosk.technician`
tool's state and turning taps into its actions (no HTTP, SQL or serial code here)."""
