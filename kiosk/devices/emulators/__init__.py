"""Emulators that speak the devices' real bytes, for the demo and the tests."""
