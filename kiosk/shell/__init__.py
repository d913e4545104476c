"""The kiosk's frame around the screens: window, router, idle watch, language, background work."""
