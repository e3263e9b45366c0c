"""Reads of the controlling pages: periods and Bereiche with their counts, the Meldungen a user
may see, one Meldung's page. The report's figures are in `auswertung.py`."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from controlling.models import OFFEN, Berichtsperiode, Sachstandsmeldung
from stammdaten.models import Bereich


def _zaehler(meldungen: str) -> dict:
    """Meldungen per state over the relation `meldungen` (from a period or a Bereich)."""
    S = Sachstandsmeldung.Status
    return {
        "n_gesamt": Count(meldungen),
        "n_offen": Count(meldungen, filter=Q(**{f"{meldungen}__status__in": OFFEN})),
        "n_eingereicht": Count(meldungen, filter=Q(**{f"{meldungen}__status": S.EINGEREICHT})),
        "n_geprueft": Count(meldungen, filter=Q(**{f"{meldungen}__status": S.GEPRUEFT})),
    }


def perioden_mit_zaehlern() -> QuerySet[Berichtsperiode]:
    return Berichtsperiode.objects.annotate(**_zaehler("meldungen")).order_by("-stichtag")


def bereiche_mit_zaehlern(periode: Berichtsperiode) -> QuerySet[Bereich]:
    return (
        Bereich.objects.filter(sachstandsmeldungen__periode=periode)
        .annotate(**_zaehler("sachstandsmeldungen"))
        .order_by("code")
    )


def sichtbare_meldungen(user) -> QuerySet[Sachstandsmeldung]:
    """Sozialplanung sees every Meldung; a Bereich its own."""
    qs = Sachstandsmeldung.objects.all()
    if not user.has_perm("controlling.meldung_pruefen"):
        qs = qs.filter(bereich__in=list(user.bereich_rollen))
    return qs


def meldungen_gefiltert(
    user, *, periode: Berichtsperiode | None, bereich: int | None = None, status: str = ""
) -> tuple[QuerySet[Sachstandsmeldung], dict[str, int]]:
    """The Meldungen of a period the user may see, filtered, and their count per state (before
    the Bereich and state filters)."""
    qs = sichtbare_meldungen(user).filter(periode=periode)
    zaehler = dict(qs.values_list("status").annotate(n=Count("pk")))
    if bereich:
        qs = qs.filter(bereich_id=bereich)
    if status == "offen":
        qs = qs.filter(status__in=OFFEN)
    elif status:
        qs = qs.filter(status=status)
    return qs.select_related("bereich").order_by("bereich__code", "nummer", "titel", "pk"), zaehler


def meldung_fuer_seite() -> QuerySet[Sachstandsmeldung]:
    return Sachstandsmeldung.objects.select_related(
        "periode",
        "bereich",
        "empfehlung",
        "steckbrief",
        "vorbefuellt_aus__periode",
        "eingereicht_von",
        "geaendert_von",
    )
