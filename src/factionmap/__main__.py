"""`python -m factionmap`: the command line, for environments without the installed script."""

from factionmap.cli import app

app()
