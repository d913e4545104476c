"""Receipt printer and payment terminal drivers, with byte-level emulators for both."""
