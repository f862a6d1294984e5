"""Benchmarks (not tests): the pipeline against raw Tesseract and OCRmyPDF; `python benchmarks/run_all.py`."""
