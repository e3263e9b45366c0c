"""The idle timeout, renewed without a database write on every page view.

Django's SESSION_SAVE_EVERY_REQUEST writes the session row on each request (an UPDATE and a
commit per page, most of a light page's database time). Here a request renews the session
only when its last renewal is SESSION_ERNEUERN_SEKUNDEN old: the session then ends between
SESSION_COOKIE_AGE minus that interval and SESSION_COOKIE_AGE after the last request."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware

ERNEUERT = "_erneuert"


class SitzungMiddleware(SessionMiddleware):
    def process_response(self, request, response):
        sitzung = getattr(request, "session", None)
        # is_empty(): no cookie and nothing stored, so an anonymous visit creates no session.
        if sitzung is not None and not sitzung.is_empty() and not sitzung.modified:
            jetzt = int(time.time())
            if jetzt - sitzung.get(ERNEUERT, 0) >= settings.SESSION_ERNEUERN_SEKUNDEN:
                sitzung[ERNEUERT] = jetzt
        return super().process_response(request, response)
