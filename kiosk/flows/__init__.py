"""Each beneficiary journey as a plain state machine over domain + services; no Qt."""
