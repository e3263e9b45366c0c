"""Operations without domain knowledge: is a Celery worker answering?"""

from __future__ import annotations

import contextlib

from core.tasks import ping


def worker_antwortet(timeout: float) -> bool:
    """Round trip through broker and a worker within `timeout` seconds."""
    try:
        ergebnis = ping.apply_async(retry=False, expires=timeout)
    except Exception:  # broker unreachable
        return False
    try:
        return ergebnis.get(timeout=timeout) == "pong"
    except Exception:  # no worker, or it did not answer in time
        return False
    finally:
        # Leave nothing behind: no stored result, no pending subscription on the backend.
        with contextlib.suppress(Exception):  # the answer above is what counts
            ergebnis.forget()
