"""Imported by the ingest workers' fork server: the packaged runtime (model, actor ruler,
gazetteer) is built there once, so each worker forked from it starts with it loaded and
shares its memory, instead of spending seconds building its own."""

from factionmap.pipeline import warm_runtime

warm_runtime()
