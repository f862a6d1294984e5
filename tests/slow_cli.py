"""Test-only entry point: the `kerjasama` CLI with field extraction slowed down, so a test can kill a
worker mid-batch. KERJASAMA_TEST_SLOW_EXTRACT_SECONDS sets the delay per document (production code
has no hook: this wrapper patches `pipeline.document.build_record` before the CLI starts)."""

from __future__ import annotations

import os
import sys
import time

import pipeline.document

DELAY = float(os.environ.get("KERJASAMA_TEST_SLOW_EXTRACT_SECONDS", "0"))
_build_record = pipeline.document.build_record


def slow_build_record(*args, **kwargs):
    time.sleep(DELAY)
    return _build_record(*args, **kwargs)


if __name__ == "__main__":
    pipeline.document.build_record = slow_build_record
    from flows.cli import main

    sys.argv[0] = "kerjasama"
    sys.exit(main())
