"""The analyst's web UI: a JSON API over the query layer and static pages that use it."""
