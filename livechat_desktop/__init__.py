"""LiveChat Desktop: a YouTube live chat in a frameless, always-on-top window."""

__version__ = "0.1.0"
