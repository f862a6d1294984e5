"""Prefect's own noise on expected paths: a document quarantined or a file given back for an environment
fault is the runner's outcome, said once at WARNING with the file's name (pipeline/run.py); Prefect's
"Finished in state Failed" line for the task that raised it is kept at DEBUG (seen with --debug)."""

from __future__ import annotations

import logging
import re

from pipeline.errors import EnvironmentFault, KerjasamaError

PREFECT_RUN_LOGGERS = ("prefect.task_runs", "prefect.flow_runs")
_RAISED = re.compile(r"encountered an exception (?P<name>\w+):|exception: (?P<repr>\w+)\(")


def _expected_names() -> set[str]:
    names: set[str] = set()
    stack: list[type] = [KerjasamaError, EnvironmentFault]
    while stack:
        cls = stack.pop()
        names.add(cls.__name__)
        stack += cls.__subclasses__()
    return names


class ExpectedOutcomes(logging.Filter):
    """Lower Prefect's ERROR about a task that raised one of Kerjasama's expected errors to DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and _expected(record):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return True


def _expected(record: logging.LogRecord) -> bool:
    if record.exc_info and record.exc_info[1] is not None:
        return isinstance(record.exc_info[1], KerjasamaError | EnvironmentFault)
    match = _RAISED.search(record.getMessage())
    return match is not None and (match["name"] or match["repr"]) in _expected_names()


def install() -> None:
    """Once per process (idempotent)."""
    for name in PREFECT_RUN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, ExpectedOutcomes) for f in logger.filters):
            logger.addFilter(ExpectedOutcomes())
