"""The public pages (no login, no cookies, no session written): published items with what
became of them, the Strategiepapiere, the accountability overview, open data and catalogue.

Every page answers conditional requests (ETag and Last-Modified from `selectors.stand`) and may
be kept by browsers and proxies for TRANSPARENZ_CACHE_SEKUNDEN."""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import condition, require_safe

from core import charts
from stammdaten.models import Sozialraum
from transparenz import daten, katalog, selectors
from transparenz.forms import Filter
from transparenz.models import OeffentlicherEintrag
from wirkung import rechnen as wirkung_rechnen

SEITENGROESSE = 25
ARTEN = {
    "empfehlungen": OeffentlicherEintrag.Art.EMPFEHLUNG,
    "massnahmen": OeffentlicherEintrag.Art.MASSNAHME,
}
A = OeffentlicherEintrag.Art


def _stand(request) -> selectors.Stand:
    if not hasattr(request, "_transparenz_stand"):
        request._transparenz_stand = selectors.stand_gemerkt()
    return request._transparenz_stand


def _gemerkt(view):
    """A page once built is answered from the shared cache until the public data change (the
    key holds the Stand's ETag): citizens, the council and harvesters ask for the same pages.
    Only for visitors without a session, so no signed-in person's page is ever shared."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.SESSION_COOKIE_NAME in request.COOKIES or request.method != "GET":
            return view(request, *args, **kwargs)
        adresse = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        schluessel = f"transparenz:seite:{_stand(request).etag}:{adresse}"
        antwort = cache.get(schluessel)
        if antwort is None:
            antwort = view(request, *args, **kwargs)
            if (
                antwort.status_code == 200
                and not antwort.streaming
                and len(antwort.content) <= settings.TRANSPARENZ_SEITE_MAX_BYTES
            ):
                cache.set(schluessel, antwort, settings.TRANSPARENZ_CACHE_SEKUNDEN)
        return antwort

    return wrapper


def oeffentlich(view):
    """No login; 404 while switched off; conditional GET, a server-side cache and public
    caching by browsers and proxies."""

    @login_not_required
    @require_safe
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.TRANSPARENZ_AKTIV:
            raise Http404("Die Transparenzseiten sind nicht eingeschaltet.")
        antwort = condition(
            etag_func=lambda r, *a, **k: _stand(r).etag,
            last_modified_func=lambda r, *a, **k: _stand(r).geaendert,
        )(_gemerkt(view))(request, *args, **kwargs)
        patch_cache_control(antwort, public=True, max_age=settings.TRANSPARENZ_CACHE_SEKUNDEN)
        return antwort

    return wrapper


# --- Pages --------------------------------------------------------------------------------------
@oeffentlich
def start(request):
    return render(
        request,
        "transparenz/start.html",
        {
            "sozialraeume": Sozialraum.objects.filter(aktiv=True),
            "ueberblick": selectors.ueberblick(),
            "papiere": selectors.papiere()[:6],
            "neu": selectors.eintraege().order_by("-aktualisiert_am")[:5],
        },
    )


@oeffentlich
def liste(request, art: str):
    if art not in ARTEN:
        raise Http404("Diese Liste gibt es nicht.")
    form = Filter(request.GET or None)
    werte = form.cleaned_data if form.is_valid() else {}
    qs = selectors.gefiltert(
        selectors.eintraege(ARTEN[art]).prefetch_related("sozialraeume"),
        **{k: v for k, v in werte.items() if v},
    ).order_by("kennung" if art == "empfehlungen" else "titel")
    seite = Paginator(qs, SEITENGROESSE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "transparenz/liste.html",
        {
            "art": art,
            "titel": "Handlungsempfehlungen" if art == "empfehlungen" else "Maßnahmen",
            "form": form,
            "seite": seite,
            "filter_query": query.urlencode(),
        },
        status=200 if form.is_bound is False or form.is_valid() else 400,
    )


@oeffentlich
def eintrag(request, art: str, kennung: str):
    if art not in ARTEN:
        raise Http404("Diese Liste gibt es nicht.")
    e = get_object_or_404(
        selectors.eintraege(ARTEN[art]).prefetch_related("sozialraeume", "beteiligte"),
        kennung=kennung,
    )
    selectors.mit_ratsvorlagen([e])
    return render(
        request,
        "transparenz/eintrag.html",
        {"e": e, "art": art, "regel": wirkung_rechnen.REGEL + " " + wirkung_rechnen.REGEL_STADT},
    )


@oeffentlich
def papiere(request):
    return render(request, "transparenz/papiere.html", {"papiere": selectors.papiere()})


def _papier(pk: int):
    return get_object_or_404(selectors.papiere(), pk=pk)


@oeffentlich
def papier(request, pk: int):
    p = _papier(pk)
    if not p.html_ausgabe:
        raise Http404("Für dieses Strategiepapier gibt es keine HTML-Fassung.")
    # Rendered by our own template at publication (escaped there), frozen since.
    return render(
        request,
        "transparenz/papier.html",
        {
            "papier": p,
            "ausgabe": mark_safe(p.html_ausgabe),  # noqa: S308
            "ratsvorlagen": [selectors.ratsvorlage_oeffentlich(v) for v in p.ratsvorlagen.all()],
        },
    )


@oeffentlich
def papier_pdf(request, pk: int):
    p = _papier(pk)
    try:
        inhalt = p.pdf.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Das PDF dieses Strategiepapiers fehlt.") from None
    return FileResponse(
        inhalt,
        content_type="application/pdf",
        filename=f"strategiepapier-{p.sozialraum.kurzname}-{p.ausgabe}.pdf",
    )


@oeffentlich
def ueberblick(request):
    u = selectors.ueberblick()
    farben = {**charts.UMSETZUNGSFARBEN, "nicht_umsetzbar": charts.UMSETZUNGSFARBEN["gestoppt"]}
    diagramme = []
    for kennung, titel, zeilen in (
        ("raum", "Umsetzungsstand je Sozialraum", u.je_sozialraum),
        ("feld", "Umsetzungsstand je Handlungsfeld", u.je_handlungsfeld),
    ):
        zeichnung = charts.gestapelte_balken(
            zeilen, u.kategorien, farben, achse="Zahl der Empfehlungen und Maßnahmen"
        )
        diagramme.append(
            {
                "kennung": kennung,
                "titel": titel,
                "zeilen": zeilen,
                "svg": mark_safe(  # noqa: S308 (drawn by core.charts, text escaped there)
                    charts.als_svg_inline(
                        zeichnung,
                        titel=titel,
                        beschreibung="Die Zahlen stehen in der Tabelle darunter.",
                        kennung=f"ueberblick-{kennung}",
                    )
                ),
            }
        )
    return render(request, "transparenz/ueberblick.html", {"u": u, "diagramme": diagramme})


# --- Open data ----------------------------------------------------------------------------------
@oeffentlich
def daten_seite(request):
    return render(
        request,
        "transparenz/daten.html",
        {"datensaetze": daten.DATENSAETZE.values(), "lizenz": settings.TRANSPARENZ_LIZENZ},
    )


INHALTSTYPEN = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "rdf": "application/rdf+xml; charset=utf-8",
}


@oeffentlich
def datei(request, name: str, format: str):
    datensatz = daten.DATENSAETZE.get(name)
    if datensatz is None or format not in ("csv", "json"):
        raise Http404("Diesen Datensatz gibt es nicht.")
    inhalt = daten.als_csv(datensatz) if format == "csv" else daten.als_json(datensatz)
    antwort = HttpResponse(inhalt, content_type=INHALTSTYPEN[format])
    antwort["Content-Disposition"] = f'inline; filename="{name}.{format}"'
    return antwort


@oeffentlich
def katalog_datei(request, format: str):
    if format not in ("ttl", "rdf"):
        raise Http404("Den Katalog gibt es als .ttl und .rdf.")
    inhalt = katalog.graph().serialize(format="turtle" if format == "ttl" else "pretty-xml")
    return HttpResponse(inhalt, content_type=INHALTSTYPEN[format])
