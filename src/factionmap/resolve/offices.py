"""Offices: titles that name a person by the post they hold ("the Foreign Secretary")."""

from __future__ import annotations

# Words of titles and offices: a name made only of them ("President", "Foreign Secretary")
# names a post, and never joins two documents' entities on its own.
OFFICE_WORDS = frozenset(
    "president vice prime minister ministers secretary foreign defence defense interior "
    "home general commander chief head leader envoy ambassador spokesman spokeswoman "
    "spokesperson official officials mayor governor king queen prince emir sheikh "
    "chancellor deputy special representative state of the mr mrs ms dr sir lord".split()
)
