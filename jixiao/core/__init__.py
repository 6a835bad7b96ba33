"""Pure domain core: model, numbers, ingest, layout recognisers (no web, no database)."""
