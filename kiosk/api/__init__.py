"""The municipality API: the wire contract (`schema`) and the HTTPS client (`client`)."""
