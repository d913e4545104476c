"""Reusable touch widgets: on-screen keyboard, big buttons, step indicator, banners."""
