"""Payment terminal: the real driver over a real pty against the emulator."""
