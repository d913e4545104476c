"""Health of every part of the kiosk, gathered into one snapshot for operators."""
