"""factionmap: a living, source-linked map of the actors in armed conflicts, read from news."""

__version__ = "0.1.0"
