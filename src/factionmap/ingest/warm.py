"""Imported by the ingest workers' fork server: the packaged runtime (model, actor ruler,
gazetteer) is built there once, so each worker forked from it starts with it loaded and
shares its memory, instead of spending seconds building its own."""

import gc

from factionmap.pipeline import warm_runtime

warm_runtime()
# The garbage collector of a forked worker would otherwise walk, and so write to, every
# object inherited from here, copying the model's shared pages into each worker: frozen
# objects are never scanned.
gc.freeze()
