"""Kerjasama pipeline: stages from a dropped file to a stored agreement record (no Prefect here)."""

PIPELINE_VERSION = "0.1.0"
