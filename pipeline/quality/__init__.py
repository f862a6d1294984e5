"""Quality: scoring extracted records against gold labels (per-field P/R/F1, workplan accuracy,
calibration) and the page-text cache that lets a re-scoring skip OCR. Used by `kerjasama eval`, the
report's accuracy section and the realdocs test; nothing in the runner depends on it."""
