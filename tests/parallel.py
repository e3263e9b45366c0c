"""Real parallel requests: each thread has its own database connection and sends its POST
through the whole stack (middleware, view, service); a barrier releases them together."""

from __future__ import annotations

import threading

from django.db import connection
from django.test import Client

from tests.factories import demo


def gleichzeitig(auftraege: list[tuple[str, str, dict]]) -> list[int | None]:
    """Run (username, url, data) POSTs in parallel threads; return the status codes."""
    start = threading.Barrier(len(auftraege))
    antworten: list[int | None] = [None] * len(auftraege)

    def senden(i, username, url, daten):
        client = Client()
        client.force_login(demo(username))
        start.wait()
        try:
            antworten[i] = client.post(url, daten).status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=senden, args=(i, *auftrag)) for i, auftrag in enumerate(auftraege)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return antworten
