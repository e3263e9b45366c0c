"""Two planners create the same Strategiepapier at the same moment (real parallel requests
against PostgreSQL): one is created, the other is told so in German, never a 500."""

import threading

import pytest
from django.urls import reverse

from stammdaten.models import Sozialraum
from strategiepapier.models import Strategiepapier
from tests.parallel import gleichzeitig

pytestmark = pytest.mark.postgres


@pytest.fixture
def demo_daten(transactional_db, nur_postgres):
    from start import demo

    demo.laden()


def test_the_same_edition_created_twice_at_once_exists_once(demo_daten):
    ost = Sozialraum.objects.get(kurzname="OST")
    url = reverse("strategiepapier_neu")
    for ausgabe in range(2080, 2085):
        daten = {"sozialraum": ost.pk, "ausgabe": ausgabe}
        codes = gleichzeitig([("sozialplanung", url, daten), ("sozialplanung", url, daten)])
        assert sorted(codes) == [200, 302], codes  # the second sees the form with the message
        assert Strategiepapier.objects.filter(sozialraum=ost, ausgabe=ausgabe).count() == 1


def _andere_verbindung_sperrt(modell, pk: int) -> bool:
    """From a second connection: can this row be locked right now (NOWAIT)?"""
    from django.db import DatabaseError, connection, transaction

    ergebnis = []

    def versuchen():
        try:
            with transaction.atomic():
                modell.objects.select_for_update(nowait=True).get(pk=pk)
            ergebnis.append(True)
        except DatabaseError:
            ergebnis.append(False)
        finally:
            connection.close()

    faden = threading.Thread(target=versuchen)
    faden.start()
    faden.join(timeout=30)
    return ergebnis == [True]


def test_the_pdf_is_built_while_nobody_is_locked_out(demo_daten):
    """Building the PDF takes seconds: meanwhile others may change the paper and its items
    (the publication then refuses, see test_strategiepapier); only the short step after the
    build holds the locks."""
    from freigabe.models import Freigabestatus as F
    from massnahmen.models import Massnahmensteckbrief
    from strategiepapier import services
    from tests import factories
    from tests.factories import demo

    sp = demo("sozialplanung")
    steckbrief = factories.in_freigabe_zustand(
        factories.steckbrief(titel="Sperrtest", stadtweit=True), F.FREIGEGEBEN
    )
    papier = services.strategiepapier_anlegen(
        user=sp, sozialraum=Sozialraum.objects.get(kurzname="OST"), ausgabe=2086
    )
    frei = []

    def stand(fortschritt, schritt):
        if fortschritt == 15:  # the PDF is about to be built
            frei.append(_andere_verbindung_sperrt(Strategiepapier, papier.pk))
            frei.append(_andere_verbindung_sperrt(Massnahmensteckbrief, steckbrief.pk))

    services.strategiepapier_veroeffentlichen(
        papier=papier, user=sp, empfehlung_ids=[], steckbrief_ids=[steckbrief.pk], stand=stand
    )
    assert frei == [True, True]
    papier.refresh_from_db()
    assert papier.veroeffentlicht
