"""The top of the house: the start page with "Meine Aufgaben" (each room contributes its tasks,
see `core.aufgaben`), and the two technical answers every installation needs."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.aufgaben import meine_aufgaben
from core.betrieb import worker_antwortet

# The headings of "Meine Aufgaben", in this order (the rooms name them in their tasks).
AUFGABEN_REIHENFOLGE = ["Freigaben", "Abstimmungen", "Sachstandsmeldungen", "Sozialplanung"]


def start(request):
    """Start page: who am I here, and what waits for me?"""
    return render(
        request,
        "start/start.html",
        {
            "rollen": request.user.rollen_beschreibung(),
            "aufgaben": meine_aufgaben(request.user, reihenfolge=AUFGABEN_REIHENFOLGE),
        },
    )


@login_not_required
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on every page, the admin's too."""
    return redirect(static("img/favicon.svg"))


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Database and broker state; the broker is proven by a round trip through a worker.

    The round trip's answer is kept for HEALTHZ_CACHE_SEKUNDEN: a monitor (or an attacker)
    polling this page cannot tie up the workers with pings or the web with waiting."""
    zustand = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        zustand["datenbank"] = "ok"
    except Exception:  # any database failure means "down" here
        zustand["datenbank"] = "fehler"
    broker = cache.get(BROKER_SCHLUESSEL)
    if broker is None:
        broker = {
            "broker": "ok" if worker_antwortet(settings.HEALTHZ_WORKER_TIMEOUT) else "fehler",
            "broker_geprueft": timezone.now().isoformat(timespec="seconds"),
        }
        cache.set(BROKER_SCHLUESSEL, broker, settings.HEALTHZ_CACHE_SEKUNDEN)
    zustand.update(broker)
    gesund = zustand["datenbank"] == "ok" and zustand["broker"] == "ok"
    return JsonResponse(
        {"status": "ok" if gesund else "fehler", **zustand}, status=200 if gesund else 503
    )


BROKER_SCHLUESSEL = "healthz:broker"
