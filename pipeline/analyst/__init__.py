"""Analyst: what the bureau's analysts use over the store — corrections (validated, then stored), the
workspace web app, the self-contained HTML report, Excel/CSV/Parquet exports and full-text search.
Reads and writes through pipeline/store; the reading and runner stages never import it."""
