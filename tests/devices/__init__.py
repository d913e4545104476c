"""Device driver tests: real drivers against their byte-level emulators."""
