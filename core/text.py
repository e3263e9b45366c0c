"""German wording that depends on numbers: singular and plural, and "seit" with the dative."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def anzahl(n: int, einzahl: str, mehrzahl: str) -> str:
    """ "1 Anregung", "3 Anregungen" (German thousands separator from 1.000 on)."""
    zahl = f"{n:,}".replace(",", ".")
    return f"{zahl} {einzahl if n == 1 else mehrzahl}"


# (seconds, singular, dative plural) – "seit" takes the dative: seit 7 Jahren, seit 1 Tag.
_EINHEITEN = [
    (365 * 24 * 3600, "Jahr", "Jahren"),
    (30 * 24 * 3600, "Monat", "Monaten"),
    (7 * 24 * 3600, "Woche", "Wochen"),
    (24 * 3600, "Tag", "Tagen"),
    (3600, "Stunde", "Stunden"),
    (60, "Minute", "Minuten"),
]


def seit(zeitpunkt: datetime | None, *, jetzt: datetime | None = None) -> str:
    """ "seit 7 Jahren", "seit 1 Tag", "seit 3 Stunden", "gerade eben" (the largest unit)."""
    if zeitpunkt is None:
        return ""
    sekunden = ((jetzt or timezone.now()) - zeitpunkt).total_seconds()
    for laenge, einzahl, mehrzahl in _EINHEITEN:
        if sekunden >= laenge:
            return "seit " + anzahl(int(sekunden // laenge), einzahl, mehrzahl)
    return "gerade eben"
