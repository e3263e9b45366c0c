"""The public copy follows the workflow: written when an item is published, kept (the published
Fassung) while a new one is prepared, updated by the Umsetzung and by checked Sachstände,
removed when withdrawn; never from a draft."""

import pytest

from controlling import services as controlling
from empfehlungen import services as empfehlungen
from freigabe import services as freigabe
from freigabe.models import Freigabestatus as F
from tests import factories
from tests.controlling.hilfen import eroeffnet, nur_diese
from tests.factories import demo, in_freigabe_zustand
from transparenz import services
from transparenz.models import OeffentlicherEintrag as O
from transparenz.models import Umsetzungsstand as U

pytestmark = pytest.mark.django_db


def kopie(objekt):
    art = services.art_von(objekt)
    return O.objects.filter(art=art, quelle_id=objekt.pk).first()


def test_publishing_writes_the_copy_after_the_commit(django_capture_on_commit_callbacks):
    e = in_freigabe_zustand(factories.empfehlung(titel="Quartiershausmeister"), F.FREIGEGEBEN)
    assert kopie(e) is None  # approved but not published: nothing public
    with django_capture_on_commit_callbacks(execute=True):
        e = _veroeffentlichen(e)
    k = kopie(e)
    assert (k.kennung, k.titel, k.umsetzungsstand) == (
        e.nummer,
        "Quartiershausmeister",
        U.NICHT_BEGONNEN,
    )
    assert [v["ereignis"] for v in k.verlauf] == ["veröffentlicht"]
    assert k.strategiepapiere and k.strategiepapiere[0]["sozialraum"] == "Oberhausen-Ost"
    assert set(k.sozialraeume.values_list("kurzname", flat=True)) == {"OST"}


def _veroeffentlichen(objekt, raum="OST"):
    from stammdaten.models import Sozialraum
    from strategiepapier import services as strategiepapier
    from strategiepapier.models import Strategiepapier

    sp = factories.sozialplanung()
    papier = strategiepapier.strategiepapier_anlegen(
        user=sp,
        sozialraum=Sozialraum.objects.get(kurzname=raum),
        ausgabe=2100 + Strategiepapier.objects.count(),
    )
    ist_empfehlung = objekt._meta.model_name == "handlungsempfehlung"
    strategiepapier.strategiepapier_veroeffentlichen(
        papier=papier,
        user=sp,
        empfehlung_ids=[objekt.pk] if ist_empfehlung else [],
        steckbrief_ids=[] if ist_empfehlung else [objekt.pk],
    )
    objekt.refresh_from_db()
    return objekt


@pytest.mark.parametrize(
    "zustand", [F.ENTWURF, F.IN_ABSTIMMUNG, F.ZUR_FREIGABE, F.FREIGEGEBEN, F.ZURUECKGEZOGEN]
)
def test_nothing_before_publication_is_copied(zustand):
    e = in_freigabe_zustand(factories.empfehlung(titel=f"Nie öffentlich {zustand}"), zustand)
    assert services.eintrag_abgleichen(e) is None
    assert not O.objects.filter(titel__startswith="Nie öffentlich").exists()


def test_a_new_fassung_keeps_the_published_one_until_it_is_published():
    sp = factories.sozialplanung()
    e = in_freigabe_zustand(factories.empfehlung(titel="Erste Fassung"), F.VEROEFFENTLICHT)
    services.eintrag_abgleichen(e)
    e = freigabe.vorgang_neue_fassung_anlegen(objekt=e, user=sp, kommentar="Korrektur")
    e = empfehlungen.empfehlung_aendern(
        empfehlung=e, user=sp, stand=e.stand, titel="Entwurf der zweiten Fassung"
    )
    k = services.eintrag_abgleichen(e)
    assert (k.titel, k.fassung, k.neue_fassung_in_arbeit) == ("Erste Fassung", 1, True)
    e = _veroeffentlichen(in_freigabe_zustand(e, F.FREIGEGEBEN))
    k = services.eintrag_abgleichen(e)
    assert (k.titel, k.fassung, k.neue_fassung_in_arbeit) == (
        "Entwurf der zweiten Fassung",
        2,
        False,
    )
    assert [v["ereignis"] for v in k.verlauf] == ["veröffentlicht", "neue Fassung veröffentlicht"]
    # Withdrawn while a third Fassung was prepared: it disappears.
    e = freigabe.vorgang_neue_fassung_anlegen(objekt=e, user=sp, kommentar="Nochmal")
    e = freigabe.vorgang_zurueckziehen(objekt=e, user=sp, grund="Programm beendet")
    assert services.eintrag_abgleichen(e) is None and kopie(e) is None


def test_the_umsetzung_and_checked_sachstaende_are_public_the_bereichs_text_is_not():
    sp = factories.sozialplanung()
    e = in_freigabe_zustand(factories.empfehlung(titel="Stadtteilmütter"), F.VEROEFFENTLICHT)
    e = empfehlungen.empfehlung_umsetzung_melden(
        empfehlung=e, user=sp, schritt="umsetzung_beginnen", kommentar="interner Vermerk"
    )
    periode = eroeffnet(quartal=4, jahr=2033)
    meldung = nur_diese(periode, e).get()
    meldung = controlling.sachstandsmeldung_speichern(
        meldung=meldung,
        user=demo("fb-jugend"),
        daten={
            "umsetzungsstatus": "verzoegert",
            "fortschritt": 35,
            "sachstand": "Interner Sachstand mit Namen von Frau Beispiel",
            "naechste_schritte": "",
            "hindernisse": "Personal fehlt",
        },
        version=meldung.version,
        einreichen=True,
    )
    k = services.eintrag_abgleichen(e)
    assert (k.umsetzungsstand, k.fortschritt, k.sachstand) == (U.IN_UMSETZUNG, None, "")
    controlling.sachstandsmeldung_pruefen(
        meldung=meldung, user=sp, oeffentlicher_sachstand="Die Ausschreibung läuft erneut."
    )
    k = services.eintrag_abgleichen(e)
    assert (k.umsetzungsstand, k.fortschritt, k.sachstand_periode) == (U.VERZOEGERT, 35, "Q4/2033")
    assert k.sachstand == "Die Ausschreibung läuft erneut."
    assert "Frau Beispiel" not in str(k.__dict__) and "interner Vermerk" not in str(k.verlauf)
    assert k.beginn is not None and k.ende is None
    e = empfehlungen.empfehlung_umsetzung_melden(empfehlung=e, user=sp, schritt="als_umgesetzt")
    k = services.eintrag_abgleichen(e)
    assert k.umsetzungsstand == U.UMGESETZT and k.ende is not None
    assert [v["ereignis"] for v in k.verlauf][-1] == "umgesetzt"


def test_anregungen_and_their_events_are_counted_not_quoted():
    veranstaltung = factories.veranstaltung(titel="Expertendialog Test", teilnehmende=41)
    anregungen = [
        factories.in_zustand(
            "bedarf_belegt",
            text="Privat: Familie Muster braucht Hilfe",
            veranstaltung=veranstaltung,
        )
        for _ in range(2)
    ]
    e = in_freigabe_zustand(
        factories.empfehlung(titel="Mit Herkunft", anregungen=anregungen), F.VEROEFFENTLICHT
    )
    k = services.eintrag_abgleichen(e)
    assert k.anzahl_anregungen == 2
    assert k.veranstaltungen == [
        {
            "datum": veranstaltung.datum.isoformat(),
            "titel": "Expertendialog Test",
            "format": veranstaltung.get_format_display(),
            "sozialraum": "Oberhausen-Ost",
            "teilnehmende": 41,
        }
    ]
    assert "Familie Muster" not in str(k.__dict__)


def test_the_nightly_pass_repairs_and_removes():
    e = in_freigabe_zustand(
        factories.empfehlung(titel="Ohne Hook veröffentlicht"), F.VEROEFFENTLICHT
    )
    O.objects.filter(art="empfehlung", quelle_id=e.pk).delete()  # a lost commit hook
    verwaist = O.objects.create(
        art="empfehlung",
        quelle_id=999_999,
        kennung="XX-99",
        fassung=1,
        titel="Verwaist",
        text="x",
        umsetzungsstand=U.IN_UMSETZUNG,
        veroeffentlicht_am=e.geaendert_am,
    )
    zahlen = services.alles_abgleichen()
    assert kopie(e).titel == "Ohne Hook veröffentlicht"
    assert not O.objects.filter(pk=verwaist.pk).exists() and zahlen["entfernt"] >= 1


def test_checking_a_meldung_updates_the_copy_after_the_commit(django_capture_on_commit_callbacks):
    sp = factories.sozialplanung()
    e = in_freigabe_zustand(factories.empfehlung(titel="Mit Prüfung"), F.VEROEFFENTLICHT)
    services.eintrag_abgleichen(e)
    meldung = nur_diese(eroeffnet(quartal=3, jahr=2034), e).get()
    meldung = controlling.sachstandsmeldung_speichern(
        meldung=meldung,
        user=demo("fb-jugend"),
        daten={
            "umsetzungsstatus": "in_umsetzung",
            "fortschritt": 70,
            "sachstand": "intern",
            "naechste_schritte": "",
            "hindernisse": "",
        },
        version=meldung.version,
        einreichen=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        controlling.sachstandsmeldung_pruefen(
            meldung=meldung, user=sp, oeffentlicher_sachstand="Läuft."
        )
    k = kopie(e)
    assert (k.fortschritt, k.sachstand, k.sachstand_periode) == (70, "Läuft.", "Q3/2034")


def test_a_stadtweit_item_in_a_second_paper_lists_both(django_capture_on_commit_callbacks):
    s = in_freigabe_zustand(
        factories.steckbrief(titel="Überall", stadtweit=True), F.VEROEFFENTLICHT
    )
    with django_capture_on_commit_callbacks(execute=True):
        _veroeffentlichen(s, raum="OSF")  # the item's state does not change, the paper's does
    assert len(kopie(s).strategiepapiere) == 2


def test_a_paper_copies_each_of_its_items_once(django_capture_on_commit_callbacks):
    """Publishing moves every item and the paper names them all again: one copy each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    e = in_freigabe_zustand(factories.empfehlung(titel="Einmal kopiert"), F.FREIGEGEBEN)
    with (
        CaptureQueriesContext(connection) as abfragen,
        django_capture_on_commit_callbacks(execute=True),
    ):
        _veroeffentlichen(e)
    gesperrt = [
        q["sql"]
        for q in abfragen.captured_queries
        if "transparenz_oeffentlichereintrag" in q["sql"] and "FOR UPDATE" in q["sql"]
    ]
    assert kopie(e).titel == "Einmal kopiert"
    if connection.features.has_select_for_update:
        assert len(gesperrt) == 1


@pytest.mark.django_db(transaction=True)
def test_a_whole_paper_is_copied_by_the_worker(celery_worker, settings):
    """Many items (a paper) go to the worker after the commit: publishing does not wait."""
    import time

    from start import demo as demo_laden

    demo_laden.laden()
    settings.TRANSPARENZ_SOFORT_HOECHSTENS = 0
    e = in_freigabe_zustand(factories.empfehlung(titel="Vom Worker kopiert"), F.FREIGEGEBEN)
    _veroeffentlichen(e)  # no surrounding transaction: the commit queues the task
    ende = time.monotonic() + 60
    while kopie(e) is None and time.monotonic() < ende:
        time.sleep(0.2)
    assert kopie(e) is not None and kopie(e).titel == "Vom Worker kopiert"


def test_what_a_rolled_back_transaction_noted_is_forgotten(
    django_capture_on_commit_callbacks, settings
):
    """Steps of a rolled-back transaction neither get copied nor swell a later batch (which
    would then be sent to the worker instead of copied at once)."""
    from django.db import transaction

    settings.TRANSPARENZ_SOFORT_HOECHSTENS = 1

    def verwerfen():
        with transaction.atomic():
            for titel in ("Verworfen 1", "Verworfen 2"):
                in_freigabe_zustand(factories.empfehlung(titel=titel), F.VEROEFFENTLICHT)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        verwerfen()
    e = in_freigabe_zustand(factories.empfehlung(titel="Bleibt"), F.FREIGEGEBEN)
    with django_capture_on_commit_callbacks(execute=True):
        e = _veroeffentlichen(e)
    assert kopie(e).titel == "Bleibt"
