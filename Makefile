# Two commands for a newcomer: `make demo` and `make test` (both set up what is missing first).
.PHONY: setup demo test lint bench

setup:
	@bash scripts/setup.sh

demo: setup
	.venv/bin/kerjasama demo

test: setup
	.venv/bin/python -m pytest -q

lint: setup
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy schemas/ pipeline/ extractors/ flows/

bench: setup
	.venv/bin/python benchmarks/run_all.py
