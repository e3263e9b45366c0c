"""Demo controlling, relative to today: the two quarters before the current period (closed,
Meldungen in every state) and the current open period, written by the demo users through the
services. Runs once; a second load changes nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from controlling import services
from controlling.models import (
    Berichtsperiode,
    Einstellung,
    Sachstandsmeldung,
    Umsetzungsstatus,
    quartal_von,
    vorquartal,
)
from stammdaten.models import Mitgliedschaft, User

U = Umsetzungsstatus
# (Umsetzungsstatus, Fortschritt, Sachstand, nächste Schritte, Hindernisse)
INHALTE = [
    (U.IN_UMSETZUNG, 40, "Konzept abgestimmt, Träger beauftragt.", "Start der Angebote.", ""),
    (U.IN_UMSETZUNG, 60, "Angebot läuft an zwei Standorten.", "Dritten Standort prüfen.", ""),
    (
        U.VERZOEGERT,
        25,
        "Ausschreibung musste wiederholt werden.",
        "Vergabe im nächsten Quartal.",
        "Keine Angebote in der ersten Ausschreibung.",
    ),
    (U.NICHT_BEGONNEN, 0, "Haushaltsmittel sind beantragt.", "Beschluss abwarten.", ""),
    (U.IN_UMSETZUNG, 75, "Gut angenommen, Wartelisten.", "Kapazität erweitern.", "Personal knapp."),
    (U.GESTOPPT, 10, "Fördermittel entfallen.", "Alternative Finanzierung suchen.", "Förderstopp."),
]
# What Sozialplanung releases for the public pages while checking (empty: status only).
OEFFENTLICH = [
    "Ein Träger ist beauftragt; die Angebote starten im nächsten Quartal.",
    "Das Angebot läuft an zwei Standorten.",
    "",
    "Die Finanzierung ist beantragt.",
    "Das Angebot wird gut angenommen; die Plätze sollen erweitert werden.",
    "",
]
# Per period, oldest first: the state each Meldung of a Bereich with demo users ends in.
MUSTER = [
    ["geprueft", "geprueft", "geprueft_spaet", "zurueckgegeben", "geprueft", "fehlt"],
    ["geprueft", "eingereicht", "geprueft", "geprueft_spaet", "fehlt", "in_bearbeitung"],
    ["eingereicht", "in_bearbeitung", "fehlt", "eingereicht", "fehlt", "fehlt"],
]


def laden() -> None:
    if Berichtsperiode.objects.exists():
        return
    heute = timezone.localdate()
    aktuell = vorquartal(*quartal_von(heute))
    vorher = vorquartal(*aktuell)
    perioden = [vorquartal(*vorher), vorher, aktuell]
    schreibende = _schreibende()
    if not schreibende:
        return
    sp = User.objects.filter(username="sozialplanung").first()
    einstellung = Einstellung.aktuell()
    with transaction.atomic():
        for (jahr, quartal), muster in zip(perioden, MUSTER, strict=True):
            periode, _ = services.berichtsperiode_eroeffnen(jahr=jahr, quartal=quartal, heute=heute)
            termine = Berichtsperiode.termine(jahr, quartal, einstellung)
            eroeffnet = _zeitpunkt(min(termine["eroeffnung"], heute))
            Berichtsperiode.objects.filter(pk=periode.pk).update(eroeffnet_am=eroeffnet)
            periode.meldungen.update(angefordert_am=eroeffnet)
            _melden(periode, muster, schreibende, sp)
            if (jahr, quartal) != aktuell:
                services.berichtsperiode_abschliessen(periode=periode, user=sp)


def _schreibende() -> dict[int, User]:
    """One demo user per Bereich writes its Meldungen (the Mitarbeit where there is one)."""
    wer = {}
    for m in Mitgliedschaft.objects.filter(user__username__contains="-").order_by("-rolle"):
        wer[m.bereich_id] = m.user  # Mitarbeit sorts after Leitung, so it wins
    return wer


def _zeitpunkt(tag) -> datetime:
    return timezone.make_aware(datetime.combine(tag, time(9, 30)))


def _melden(periode: Berichtsperiode, muster: list[str], schreibende, sp) -> None:
    meldungen = periode.meldungen.filter(bereich__in=list(schreibende)).order_by("pk")
    for i, meldung in enumerate(meldungen):
        ziel = muster[i % len(muster)]
        if ziel == "fehlt":
            continue
        status, fortschritt, sachstand, schritte, hindernisse = INHALTE[i % len(INHALTE)]
        user = schreibende[meldung.bereich_id]
        daten = {
            "umsetzungsstatus": status,
            "fortschritt": fortschritt,
            "sachstand": f"{sachstand} (Stand {periode.kurz})",
            "naechste_schritte": schritte,
            "hindernisse": hindernisse,
        }
        if meldung.steckbrief_id:
            daten |= {
                "laufzeit_bis": meldung.laufzeit_bis,
                "befristet": meldung.befristet,
                "finanzierung": meldung.finanzierung,
            }
        meldung = services.sachstandsmeldung_speichern(
            meldung=meldung,
            user=user,
            daten=daten,
            version=meldung.version,
            einreichen=ziel != "in_bearbeitung",
        )
        if ziel.startswith("geprueft"):
            services.sachstandsmeldung_pruefen(
                meldung=meldung, user=sp, oeffentlicher_sachstand=OEFFENTLICH[i % len(OEFFENTLICH)]
            )
        elif ziel == "zurueckgegeben":
            services.sachstandsmeldung_zurueckgeben(
                meldung=meldung, user=sp, grund="Bitte den Fortschritt in Prozent begründen."
            )
        if meldung.eingereicht_am:
            tage = 3 if ziel == "geprueft_spaet" else -5
            Sachstandsmeldung.objects.filter(pk=meldung.pk).update(
                eingereicht_am=min(_zeitpunkt(periode.frist + timedelta(days=tage)), timezone.now())
            )


def zusammenfassung() -> str:
    n = Berichtsperiode.objects.count()
    return f"{n} Berichtsperioden mit {Sachstandsmeldung.objects.count()} Sachstandsmeldungen"
