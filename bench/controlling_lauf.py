"""Opening a quarter and the day's reminder pass with many items: time and queries, once at
2,000 and once at 20,000 active items (the query count must not grow with the items).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sozialplanung_bench \\
        .venv/bin/python bench/controlling_lauf.py [KLEIN] [GROSS]    # default 2000 20000

Uses var/bench-lauf/ (SQLite) or DATABASE_URL if set. Goal: under 10 s each at 20,000."""

import os
import resource
import sys
import time
from datetime import date
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("VAR_DIR", str(BASE / "var" / "bench-lauf"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from controlling import services  # noqa: E402
from controlling.models import Berichtsperiode, Erinnerung  # noqa: E402
from empfehlungen.models import Empfehlungsstatus, Handlungsempfehlung  # noqa: E402
from stammdaten.models import Bereich, Mitgliedschaft, Sozialraum, User  # noqa: E402
from start import demo  # noqa: E402

JAHR = 2041


def messen(titel, funktion):
    connection.queries_log.clear()  # the log keeps 9,000 entries; count from empty
    with CaptureQueriesContext(connection) as abfragen:
        start = time.perf_counter()
        ergebnis = funktion()
        dauer = time.perf_counter() - start
    spitze = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{titel:<52} {dauer:7.2f} s {len(abfragen):5d} Abfragen   Prozess-Spitze {spitze:5.0f} MB"
    )
    return ergebnis


@transaction.atomic
def bestand(anzahl: int) -> None:
    """Published Empfehlungen spread over every Bereich and Sozialraum (states set directly)."""
    sp = User.objects.get(username="sozialplanung")
    bereiche = list(Bereich.objects.all())
    raeume = list(Sozialraum.objects.all())
    for b in bereiche:  # two members and a Leitung in every Bereich
        for rolle, n in ((Mitgliedschaft.Rolle.MITARBEIT, 2), (Mitgliedschaft.Rolle.LEITUNG, 1)):
            for i in range(n):
                name = f"bench-{b.code}-{rolle}-{i}"
                u, _ = User.objects.get_or_create(
                    username=name, defaults={"email": f"{name}@example.org"}
                )
                Mitgliedschaft.objects.get_or_create(user=u, bereich=b, defaults={"rolle": rolle})
    vorhanden = Handlungsempfehlung.objects.filter(nummernkreis="BENCH").count()
    neu = Handlungsempfehlung.objects.bulk_create(
        [
            Handlungsempfehlung(
                nummernkreis="BENCH",
                laufende_nummer=i + 1,
                titel=f"Bench {i}: Familienbüro mit Abendsprechstunde",
                text="…",
                federfuehrung=bereiche[i % len(bereiche)],
                status=Empfehlungsstatus.VEROEFFENTLICHT,
                erstellt_von=sp,
            )
            for i in range(vorhanden, anzahl)
        ],
        batch_size=2000,
    )
    Durch = Handlungsempfehlung.sozialraeume.through
    Durch.objects.bulk_create(
        [
            Durch(handlungsempfehlung_id=e.pk, sozialraum_id=raeume[e.pk % len(raeume)].pk)
            for e in neu
        ],
        batch_size=5000,
    )


def runde(anzahl: int, quartal: int) -> None:
    print(f"\n{anzahl} veröffentlichte Empfehlungen (Bench) plus Demo:")
    bestand(anzahl)
    Berichtsperiode.objects.filter(abgeschlossen_am__isnull=True).update(
        abgeschlossen_am=timezone.now()
    )
    periode, neu = messen(
        f"Q{quartal}/{JAHR} eröffnen",
        lambda: services.berichtsperiode_eroeffnen(
            jahr=JAHR, quartal=quartal, heute=date(JAHR + 1, 1, 1)
        ),
    )
    messen(
        "… noch einmal (nichts Neues)",
        lambda: services.berichtsperiode_eroeffnen(
            jahr=JAHR, quartal=quartal, heute=date(JAHR + 1, 1, 1)
        ),
    )
    tag = date(JAHR, quartal * 3 + 1, 16)  # 14 days before the Frist
    lauf = messen(
        f"Erinnerungslauf {tag:%d.%m.%Y}", lambda: services.erinnerungen_senden(heute=tag)
    )
    messen("… noch einmal (nichts Neues)", lambda: services.erinnerungen_senden(heute=tag))
    print(
        f"  {neu} Meldungen angefordert; {lauf.erinnerungen} Erinnerungen in "
        f"{lauf.nachrichten} Nachrichten; {Erinnerung.objects.filter(meldung__periode=periode).count()} "
        "im Protokoll"
    )


def main() -> None:
    klein, gross = (int(a) for a in ([*sys.argv[1:], "2000", "20000"])[:2])
    Path(os.environ["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    demo.laden()
    print(f"Datenbank: {connection.vendor}")
    runde(klein, 1)
    runde(gross, 2)


if __name__ == "__main__":
    main()
