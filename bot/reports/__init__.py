"""Compliance reports: aggregation (pure), charts, HTML and PDF rendering."""
