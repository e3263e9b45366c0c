"""Live rounds: the planner's pages (open, projector, moderation) and the participants' page
behind the short link, which needs no account and stores nothing personal."""

from __future__ import annotations

import hashlib

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.forms import fehler_anzeigen
from core.netz import client_adresse
from core.workflow import WorkflowError
from weltcafe import live
from weltcafe.forms import LiverundeForm, SperrwoerterForm
from weltcafe.models import Liveantwort, Liverunde, Sperrwort
from weltcafe.views import _veranstaltung

BEARBEITEN = "weltcafe.bearbeiten"
COOKIE = "live_geraet"
COOKIE_SEKUNDEN = 14 * 24 * 3600


def _runde(veranstaltung, runde: int) -> Liverunde:
    return get_object_or_404(
        veranstaltung.liverunden.select_related("themeninsel", "veranstaltung"), pk=runde
    )


def kurzlink(request, runde: Liverunde) -> str:
    pfad = reverse("live_teilnehmen", args=[runde.kurzcode])
    return (
        f"{settings.LIVE_BASIS_URL}{pfad}"
        if settings.LIVE_BASIS_URL
        else (request.build_absolute_uri(pfad))
    )


# --- Sozialplanung ------------------------------------------------------------------------------
@permission_required(BEARBEITEN, raise_exception=True)
def runden(request, pk: int):
    """The event's live rounds and the form to open a new one."""
    veranstaltung = _veranstaltung(pk)
    form = LiverundeForm(request.POST or None, veranstaltung=veranstaltung)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            daten = form.cleaned_data
            try:
                runde = live.runde_oeffnen(
                    user=request.user,
                    veranstaltung=veranstaltung,
                    art=daten["art"],
                    frage=daten["frage"],
                    themeninsel=daten["themeninsel"],
                    karten_art=daten["karten_art"],
                    endet_um=daten["endet_um"],
                    antworten_je_geraet=daten["antworten_je_geraet"],
                )
            except WorkflowError as exc:
                fehler_anzeigen(form, exc)
            else:
                messages.success(request, f"Live-Runde „{runde.frage}“ ist geöffnet.")
                return redirect("live_projektor", pk=veranstaltung.pk, runde=runde.pk)
        status = 400
    liste = list(
        veranstaltung.liverunden.select_related("themeninsel").annotate(
            anzahl=Count("antworten"),
            verborgen=Count("antworten", filter=~Q(antworten__zustand="sichtbar")),
        )
    )
    return render(
        request,
        "weltcafe/live/runden.html",
        {"veranstaltung": veranstaltung, "form": form, "runden": liste},
        status=status,
    )


def _stand_kontext(runde: Liverunde) -> dict:
    kontext = {"runde": runde, "offen": runde.offen}
    if runde.art == Liverunde.Art.WOERTER:
        kontext["woerter"] = live.wortwolke(runde)
    elif runde.art == Liverunde.Art.BEKANNTHEIT:
        kontext["balken"] = live.balken(runde)
    else:
        kontext["karten"] = live.karten(runde)
    kontext["anzahl"] = live.sichtbare_antworten(runde).count()
    return kontext


@permission_required(BEARBEITEN, raise_exception=True)
def projektor(request, pk: int, runde: int):
    """Large type for the projector: question, QR code, short link and the live answers."""
    veranstaltung = _veranstaltung(pk)
    runde = _runde(veranstaltung, runde)
    link = kurzlink(request, runde)
    qr = segno.make(link, error="m").svg_inline(
        scale=1, omitsize=True, svgclass="qr", lineclass="qr-linie", title=f"QR-Code: {link}"
    )
    return render(
        request,
        "weltcafe/live/projektor.html",
        {
            "veranstaltung": veranstaltung,
            "link": link,
            "link_kurz": link.split("://", 1)[-1],
            "qr": qr,
            **_stand_kontext(runde),
        },
    )


@never_cache
@permission_required(BEARBEITEN, raise_exception=True)
def stand(request, pk: int, runde: int):
    """The projector's live part as JSON (the HTML fragment and the count); polled every few
    seconds, so an unchanged state answers 304 without a body."""
    veranstaltung = _veranstaltung(pk)
    runde = _runde(veranstaltung, runde)
    kontext = _stand_kontext(runde)
    # Without the request: the fragment needs no context processors (no header counts).
    html = render_to_string("weltcafe/live/stand.html", kontext)
    etag = '"' + hashlib.sha256(html.encode()).hexdigest()[:32] + '"'
    if request.headers.get("If-None-Match") == etag:
        antwort = HttpResponseNotModified()
    else:
        antwort = JsonResponse({"html": html, "anzahl": kontext["anzahl"], "offen": runde.offen})
    antwort["ETag"] = etag
    return antwort


@require_POST
@permission_required(BEARBEITEN, raise_exception=True)
def schliessen(request, pk: int, runde: int):
    veranstaltung = _veranstaltung(pk)
    runde = live.runde_schliessen(user=request.user, runde=_runde(veranstaltung, runde))
    messages.success(request, f"Live-Runde „{runde.frage}“ ist geschlossen.")
    if request.POST.get("weiter") == "projektor":
        return redirect("live_projektor", pk=veranstaltung.pk, runde=runde.pk)
    return redirect("live_runden", pk=veranstaltung.pk)


@permission_required(BEARBEITEN, raise_exception=True)
def moderation(request, pk: int, runde: int):
    veranstaltung = _veranstaltung(pk)
    runde = _runde(veranstaltung, runde)
    eintraege = list(runde.antworten.select_related("abfrage__steckbrief", "karte").order_by("-pk"))
    return render(
        request,
        "weltcafe/live/moderation.html",
        {
            "veranstaltung": veranstaltung,
            "runde": runde,
            "eintraege": eintraege,
            "verborgen": sum(e.zustand != Liveantwort.Zustand.SICHTBAR for e in eintraege),
        },
    )


@require_POST
@permission_required(BEARBEITEN, raise_exception=True)
def moderieren(request, pk: int, runde: int, antwort: int):
    veranstaltung = _veranstaltung(pk)
    runde = _runde(veranstaltung, runde)
    eintrag = get_object_or_404(runde.antworten.all(), pk=antwort)
    try:
        if request.POST.get("aktion") == "freigeben":
            live.freigeben(user=request.user, antwort=eintrag)
            messages.success(request, f"„{eintrag}“ ist freigegeben.")
        else:
            live.verbergen(user=request.user, antwort=eintrag)
            messages.success(request, f"„{eintrag}“ ist verborgen.")
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("live_moderation", args=[veranstaltung.pk, runde.pk]) + "#eintraege")


@permission_required(BEARBEITEN, raise_exception=True)
def sperrwoerter(request):
    vorher = "\n".join(Sperrwort.objects.values_list("wort", flat=True))
    form = SperrwoerterForm(request.POST or None, initial={"woerter": vorher})
    if request.method == "POST" and form.is_valid():
        try:
            woerter = live.sperrwoerter_speichern(
                user=request.user, text=form.cleaned_data["woerter"]
            )
        except WorkflowError as exc:
            fehler_anzeigen(form, exc)
        else:
            messages.success(request, f"{len(woerter)} Sperrwörter gespeichert.")
            return redirect("live_sperrwoerter")
    return render(
        request,
        "weltcafe/live/sperrwoerter.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- Participants (no account) ------------------------------------------------------------------
def _zu_viele(request) -> bool:
    """A fixed one-minute window per address in the shared cache (Redis in production)."""
    grenze = settings.LIVE_JE_MINUTE_UND_ADRESSE
    if grenze <= 0:
        return False
    schluessel = f"live:{client_adresse(request) or '?'}:{int(timezone.now().timestamp() // 60)}"
    cache.add(schluessel, 0, 120)
    try:
        return cache.incr(schluessel) > grenze
    except ValueError:  # expired between add and incr
        cache.set(schluessel, 1, 120)
        return False


@login_not_required
@never_cache
def teilnehmen(request, code: str):
    runde = get_object_or_404(
        Liverunde.objects.select_related("veranstaltung", "themeninsel"), kurzcode=code.lower()
    )
    token = request.COOKIES.get(COOKIE) or ""
    neu = not (8 <= len(token) <= 64)
    if neu:
        token = live.neues_geraet()
    geraet = live.geraet_hash(runde, token)
    fehler, status = "", 200
    if request.method == "POST":
        if _zu_viele(request):
            fehler = (
                "Gerade kommen sehr viele Antworten an. Bitte in einer Minute noch einmal senden."
            )
            status = 429
        elif neu:
            # The first page view sets the cookie; without it a phone could answer endlessly.
            fehler = (
                "Ihr Browser hat das Kennzeichen dieses Geräts nicht mitgeschickt (Cookies "
                "aus?). Bitte die Seite neu laden und noch einmal senden."
            )
            status = 400
        else:
            abfrage = request.POST.get("abfrage", "")
            bekannt = {"ja": True, "nein": False}.get(request.POST.get("bekannt", ""))
            try:
                antwort = live.antworten(
                    runde=runde,
                    geraet=geraet,
                    text=request.POST.get("text", "")[:5_000],
                    abfrage_id=int(abfrage) if abfrage.isdigit() and len(abfrage) < 10 else None,
                    bekannt=bekannt,
                )
            except WorkflowError as exc:
                fehler = str(exc)
                status = (
                    410
                    if isinstance(exc, live.RundeGeschlossen)
                    else 409
                    if isinstance(exc, live.SchonBeantwortet)
                    else 400
                )
                runde.refresh_from_db()  # the page shows the round as it is now
            else:
                ziel = reverse("live_teilnehmen", args=[runde.kurzcode]) + "?gesendet=1"
                if antwort.abfrage_id:
                    ziel += f"#angebot-{antwort.abfrage_id}"
                return redirect(ziel)
    eigene = live.eigene_antworten(runde, geraet)
    kontext = {
        "runde": runde,
        "fehler": fehler,
        "gesendet": request.GET.get("gesendet") == "1" and not fehler,
        "eigene": eigene,
        "text": request.POST.get("text", "")[:1_000] if fehler else "",
    }
    if runde.art == Liverunde.Art.BEKANNTHEIT:
        beantwortet = {a.abfrage_id: a.bekannt for a in eigene}
        kontext["angebote"] = [(a, beantwortet.get(a.pk)) for a in live.runden_abfragen(runde)]
    else:
        kontext["noch_moeglich"] = max(0, runde.antworten_je_geraet - len(eigene))
    antwort = render(request, "weltcafe/live/teilnehmen.html", kontext, status=status)
    if neu:
        antwort.set_cookie(
            COOKIE,
            token,
            max_age=COOKIE_SEKUNDEN,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return antwort
