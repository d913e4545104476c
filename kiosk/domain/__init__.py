"""The municipality's vocabulary as plain Python: no Qt, no I/O, no imports of ours.

Identifiers and their validation, money in integer halalas, licence types, and the state of
one beneficiary's session live here so every other layer (and the sandbox) agrees on them.
"""
