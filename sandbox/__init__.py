"""The municipality API sandbox: a real HTTPS server implementing the kiosk's contract."""
