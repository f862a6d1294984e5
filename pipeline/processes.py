"""Whether a process of this machine still runs: claims, runs and temporary servers of a dead process are
taken over, closed or stopped by the next run."""

from __future__ import annotations

import os


def alive(pid: object) -> bool:
    """True while process `pid` runs (a process we may not signal runs too); False for no valid pid."""
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
