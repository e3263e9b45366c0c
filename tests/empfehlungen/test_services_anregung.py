"""Every transition of the Anregung and its refusals: German message, nothing changed."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from core.workflow import WorkflowError, verlauf
from empfehlungen import services
from empfehlungen.models import Anregung, Handlungsempfehlung, Statistikpruefung
from stammdaten.models import Kennzahl, Kennzahlwert, Sozialraum
from tests import factories

S = Anregung.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def sp(benutzer):
    return benutzer["sozialplanung"]


def kinderarmut():
    return Kennzahl.objects.get(name="Kinderarmut")


def test_a_new_anregung_is_eingegangen_and_records_who_entered_it(sp):
    a = factories.anregung()
    assert a.status == S.EINGEGANGEN
    assert a.erfasst_von == sp


def test_state_field_cannot_be_written_directly():
    a = factories.anregung()
    with pytest.raises(AttributeError):
        a.status = S.VERKNUEPFT


def test_research_start_records_history_and_assigns(sp):
    a = services.anregung_recherche_beginnen(
        anregung=factories.anregung(), user=sp, kommentar="los"
    )
    assert a.status == S.IN_RECHERCHE
    assert a.zustaendig == sp
    [eintrag] = verlauf(a)
    assert (eintrag.von, eintrag.nach, eintrag.user, eintrag.kommentar) == (
        "eingegangen",
        "in_recherche",
        sp,
        "los",
    )
    assert eintrag.zeitpunkt is not None


def test_existing_unlimited_offer_links_and_closes(sp):
    a = factories.in_zustand(S.IN_RECHERCHE)
    sb = factories.steckbrief(befristet=False)
    a = services.anregung_angebot_vorhanden(anregung=a, user=sp, steckbrief=sb)
    assert a.status == S.VERKNUEPFT
    assert a.steckbrief == sb
    assert [e.nach for e in verlauf(a)] == ["in_recherche", "angebot_vorhanden", "verknuepft"]


def test_befristet_offer_waits_for_a_verlaengerung(sp):
    a = factories.in_zustand(S.ANGEBOT_VORHANDEN)
    assert a.status == S.ANGEBOT_VORHANDEN and a.steckbrief.befristet
    with pytest.raises(WorkflowError, match="Verlängerung oder Verstetigung"):
        services.empfehlung_anlegen(
            user=sp,
            anregungen=[a],
            titel="x",
            text="y",
            art=Handlungsempfehlung.Art.NEU,
            sozialraeume=[a.sozialraum],
        )
    e = services.empfehlung_anlegen(
        user=sp,
        anregungen=[a],
        titel="Verstetigen",
        text="y",
        art=Handlungsempfehlung.Art.VERSTETIGUNG,
        steckbrief=a.steckbrief,
        sozialraeume=[a.sozialraum],
    )
    a.refresh_from_db()
    assert a.status == S.VERKNUEPFT
    assert list(e.anregungen.all()) == [a]


def test_angebot_vorhanden_requires_a_steckbrief(sp):
    a = factories.in_zustand(S.IN_RECHERCHE)
    with pytest.raises(WorkflowError, match="Bitte zuerst den Maßnahmensteckbrief"):
        services.anregung_angebot_vorhanden(anregung=a, user=sp, steckbrief=None)
    a.refresh_from_db()
    assert a.status == S.IN_RECHERCHE and a.steckbrief is None


def test_dublette_needs_its_original_and_not_itself(sp):
    a = factories.in_zustand(S.IN_RECHERCHE)
    with pytest.raises(WorkflowError, match="wovon die Anregung eine Dublette ist"):
        services.anregung_als_dublette(anregung=a, user=sp)
    with pytest.raises(WorkflowError, match="keine Dublette von sich selbst"):
        services.anregung_als_dublette(anregung=a, user=sp, original_anregung=a)
    original = factories.anregung()
    a = services.anregung_als_dublette(anregung=a, user=sp, original_anregung=original)
    assert (a.status, a.dublette_von_anregung) == (S.DUBLETTE, original)


def test_two_cards_cannot_be_duplicates_of_each_other(sp):
    a, b = factories.anregung(), factories.anregung()
    services.anregung_als_dublette(anregung=b, user=sp, original_anregung=a)
    with pytest.raises(WorkflowError, match="bereits eine Dublette dieser Anregung"):
        services.anregung_als_dublette(anregung=a, user=sp, original_anregung=b)


def test_dublette_of_an_empfehlung(sp):
    e = services.empfehlung_anlegen(user=sp, titel="Streetwork", text="…", stadtweit=True)
    a = services.anregung_als_dublette(
        anregung=factories.anregung(), user=sp, original_empfehlung=e
    )
    assert a.dublette_von_empfehlung == e
    assert verlauf(a).last().kommentar == f"Dublette von {e.nummer}"


def test_nicht_zustaendig_needs_a_reason(sp):
    a = factories.in_zustand(S.IN_RECHERCHE)
    with pytest.raises(
        WorkflowError, match="Bitte begründen, warum die Stadt nicht zuständig ist."
    ):
        services.anregung_nicht_zustaendig(anregung=a, user=sp, grund="  ")
    a.refresh_from_db()
    assert a.status == S.IN_RECHERCHE
    a = services.anregung_nicht_zustaendig(anregung=a, user=sp, grund="Aufgabe des Landes")
    assert a.status == S.NICHT_ZUSTAENDIG and a.abschluss_grund == "Aufgabe des Landes"


def test_statistikpruefung_stores_the_figures_seen(sp):
    a = factories.in_zustand(S.STATISTIKPRUEFUNG)
    pruefung = services.statistikpruefung_abschliessen(
        anregung=a,
        user=sp,
        ergebnis="belegt",
        begruendung="Kinderarmut deutlich höher",
        kennzahl_ids=[kinderarmut().pk],
    )
    a.refresh_from_db()
    assert a.status == S.BEDARF_BELEGT
    gesehen = next(w for w in pruefung.werte if w["name"] == "Kinderarmut")
    assert gesehen["ausgewaehlt"] is True and gesehen["rang"] == 2
    wert_damals = gesehen["wert"]
    # A later data update does not rewrite the evidence.
    Kennzahlwert.objects.filter(
        kennzahl=kinderarmut(), jahr=2024, sozialraum__kurzname="OST"
    ).update(wert=1)
    pruefung.refresh_from_db()
    assert next(w for w in pruefung.werte if w["name"] == "Kinderarmut")["wert"] == wert_damals
    assert [q["name"] for q in pruefung.sozialindex["quartiere"]][:1] == ["Bermensfeld"]


def test_statistikpruefung_city_wide_compares_with_the_past(sp):
    a = factories.in_zustand(S.STATISTIKPRUEFUNG, sozialraum=None)
    p = services.statistikpruefung_abschliessen(
        anregung=a,
        user=sp,
        ergebnis="nicht_belegt",
        begruendung="Stadtweit rückläufig",
        kennzahl_ids=[kinderarmut().pk],
    )
    assert p.sozialraum is None and p.sozialindex == {}
    assert next(w for w in p.werte if w["name"] == "Kinderarmut")["vergleich"] is not None
    a.refresh_from_db()
    assert a.status == S.BEDARF_NICHT_BELEGT


@pytest.mark.parametrize(
    ("felder", "meldung"),
    [
        (
            {"ergebnis": "belegt", "begruendung": "", "kennzahl_ids": [1]},
            "Bitte das Ergebnis der Prüfung begründen.",
        ),
        (
            {"ergebnis": "vielleicht", "begruendung": "x", "kennzahl_ids": [1]},
            "Bitte „Bedarf belegt“ oder",
        ),
        (
            {"ergebnis": "belegt", "begruendung": "x", "kennzahl_ids": []},
            "mindestens eine Kennzahl",
        ),
        (
            {"ergebnis": "belegt", "begruendung": "x", "kennzahl_ids": [999999]},
            "unbekannte Kennzahlen",
        ),
    ],
)
def test_statistikpruefung_refusals_save_nothing(sp, felder, meldung):
    a = factories.in_zustand(S.STATISTIKPRUEFUNG)
    if felder["kennzahl_ids"] == [1]:
        felder["kennzahl_ids"] = [kinderarmut().pk]
    with pytest.raises(WorkflowError, match=meldung):
        services.statistikpruefung_abschliessen(anregung=a, user=sp, **felder)
    assert Statistikpruefung.objects.filter(anregung=a).count() == 0
    a.refresh_from_db()
    assert a.status == S.STATISTIKPRUEFUNG


def test_statistikpruefung_only_in_its_state(sp):
    a = factories.in_zustand(S.IN_RECHERCHE)
    with pytest.raises(WorkflowError, match="im Zustand „in Recherche“ nicht möglich"):
        services.statistikpruefung_abschliessen(
            anregung=a, user=sp, ergebnis="belegt", begruendung="x", kennzahl_ids=[kinderarmut().pk]
        )


def test_belegt_becomes_verknuepft_with_its_empfehlung(sp):
    a = factories.in_zustand(S.VERKNUEPFT)
    assert a.status == S.VERKNUEPFT
    e = a.empfehlungen.get()
    assert e.nummer.startswith("OST-") and e.art == Handlungsempfehlung.Art.NEU


def test_new_empfehlung_from_an_unchecked_anregung_is_refused(sp):
    a = factories.in_zustand(S.IN_RECHERCHE)
    with pytest.raises(WorkflowError, match="braucht eine Statistikprüfung mit „Bedarf belegt“"):
        services.empfehlung_anlegen(user=sp, anregungen=[a], titel="x", text="y")
    assert not Handlungsempfehlung.objects.filter(titel="x").exists()


def test_transitions_not_allowed_now_change_nothing(sp):
    a = factories.in_zustand(S.EINGEGANGEN)
    with pytest.raises(
        WorkflowError, match="„Zur Statistikprüfung“ ist im Zustand „eingegangen“ nicht möglich."
    ):
        services.anregung_zur_statistikpruefung(anregung=a, user=sp)
    a.refresh_from_db()
    assert a.status == S.EINGEGANGEN and not verlauf(a).exists()


def test_wieder_aufnehmen_needs_a_comment_and_clears_the_outcome(sp):
    a = factories.in_zustand(S.NICHT_ZUSTAENDIG)
    with pytest.raises(WorkflowError, match="Bitte begründen"):
        services.anregung_wieder_aufnehmen(anregung=a, user=sp, kommentar=" ")
    a = services.anregung_wieder_aufnehmen(anregung=a, user=sp, kommentar="Doch zuständig")
    assert a.status == S.IN_RECHERCHE and a.abschluss_grund == ""


def test_verknuepft_is_final(sp):
    a = factories.in_zustand(S.VERKNUEPFT)
    with pytest.raises(WorkflowError, match="nicht möglich"):
        services.anregung_wieder_aufnehmen(anregung=a, user=sp, kommentar="zurück")


@pytest.mark.parametrize("rolle", ["fb-jugend", "bl-jugend", "fb-gesundheit", "lesend"])
def test_only_sozialplanung_triages(benutzer, rolle):
    a = factories.anregung()
    with pytest.raises(
        WorkflowError, match="Sie dürfen „Recherche beginnen“ hier nicht ausführen."
    ):
        services.anregung_recherche_beginnen(anregung=a, user=benutzer[rolle])
    with pytest.raises(PermissionDenied):
        services.anregung_erfassen(user=benutzer[rolle], text="x")
    a.refresh_from_db()
    assert a.status == S.EINGEGANGEN


# --- Numbers, bulk actions ----------------------------------------------------------------------
def test_numbers_count_per_sozialraum_and_city(sp):
    from empfehlungen.models import Nummernkreis

    neu = Sozialraum.objects.create(name="Testraum", kurzname="TST", reihenfolge=9)
    stadt = Nummernkreis.objects.filter(kuerzel="STADT").values_list("letzte_nummer", flat=True)
    s0 = stadt.first() or 0
    nummern = [
        services.empfehlung_anlegen(user=sp, titel="a", text="t", sozialraeume=[neu]).nummer,
        services.empfehlung_anlegen(user=sp, titel="b", text="t", stadtweit=True).nummer,
        services.empfehlung_anlegen(user=sp, titel="c", text="t", sozialraeume=[neu]).nummer,
    ]
    # Neither a Sozialraum nor stadtweit: refused, and no number is used up.
    with pytest.raises(WorkflowError, match="Bitte Sozialräume wählen oder „stadtweit“"):
        services.empfehlung_anlegen(user=sp, titel="d", text="t")
    nummern.append(services.empfehlung_anlegen(user=sp, titel="e", text="t", stadtweit=True).nummer)
    assert nummern == ["TST-01", f"STADT-{s0 + 1:02d}", "TST-02", f"STADT-{s0 + 2:02d}"]


def test_bulk_dublette_is_all_or_nothing(sp):
    original = factories.anregung()
    frei = factories.anregung()
    schon_zu = factories.in_zustand(S.NICHT_ZUSTAENDIG)
    with pytest.raises(WorkflowError, match=f"{schon_zu.nummer}: .* Es wurde nichts geändert."):
        services.anregungen_als_dublette(
            anregung_ids=[frei.pk, schon_zu.pk], user=sp, original=original
        )
    frei.refresh_from_db()
    assert frei.status == S.EINGEGANGEN
    assert (
        services.anregungen_als_dublette(
            anregung_ids=[frei.pk, original.pk], user=sp, original=original
        )
        == 1
    )


def test_bulk_assign_and_handlungsfeld(sp, benutzer):
    from stammdaten.models import Handlungsfeld

    a, b = factories.anregung(), factories.anregung()
    assert services.anregungen_zuweisen(anregung_ids=[a.pk, b.pk], user=sp, zustaendig=sp) == 2
    gesundheit = Handlungsfeld.objects.get(name="Gesundheit")
    services.anregungen_handlungsfeld_setzen(anregung_ids=[a.pk], user=sp, handlungsfeld=gesundheit)
    a.refresh_from_db()
    assert (a.zustaendig, a.handlungsfeld) == (sp, gesundheit)
    with pytest.raises(WorkflowError, match="mindestens eine Anregung"):
        services.anregungen_zuweisen(anregung_ids=[], user=sp, zustaendig=sp)
    with pytest.raises(PermissionDenied):
        services.anregungen_zuweisen(anregung_ids=[a.pk], user=benutzer["bl-jugend"], zustaendig=sp)


def test_steckbrief_from_anregung_marks_offer_existing(sp):
    from stammdaten.models import Bereich

    a = factories.in_zustand(S.IN_RECHERCHE)
    sb = services.anregung_steckbrief_anlegen(
        user=sp,
        anregung=a,
        sozialraeume=[a.sozialraum],
        titel="Streetwork Ost",
        beschreibung="…",
        federfuehrung=Bereich.objects.get(code="3-1"),
        befristet=True,
        laufzeit_bis=date(2025, 12, 31),
    )
    a.refresh_from_db()
    assert (a.status, a.steckbrief) == (S.ANGEBOT_VORHANDEN, sb)


def test_closing_from_eingegangen_passes_through_recherche(sp):
    a = services.anregung_nicht_zustaendig(anregung=factories.anregung(), user=sp, grund="Land")
    assert [(e.von, e.nach) for e in verlauf(a)] == [
        ("eingegangen", "in_recherche"),
        ("in_recherche", "nicht_zustaendig"),
    ]


def test_a_refused_close_leaves_eingegangen_untouched(sp):
    a = factories.anregung()
    with pytest.raises(WorkflowError):
        services.anregung_als_dublette(anregung=a, user=sp)
    a.refresh_from_db()
    assert a.status == S.EINGEGANGEN and not verlauf(a).exists()


def test_linked_verlaengerung_keeps_its_kind_and_steckbrief(sp):
    a = factories.in_zustand(S.ANGEBOT_VORHANDEN)
    e = services.empfehlung_anlegen(
        user=sp,
        anregungen=[a],
        titel="Verlängern",
        text="…",
        art=Handlungsempfehlung.Art.VERLAENGERUNG,
        steckbrief=a.steckbrief,
        stadtweit=True,
    )
    with pytest.raises(WorkflowError, match="Art und Steckbrief bleiben deshalb"):
        services.empfehlung_aendern(empfehlung=e, user=sp, art=Handlungsempfehlung.Art.NEU)
    e.refresh_from_db()
    assert e.art == Handlungsempfehlung.Art.VERLAENGERUNG
    services.empfehlung_aendern(empfehlung=e, user=sp, titel="Verlängern bis 2030")


def test_a_steckbrief_that_becomes_permanent_answers_the_waiting_cards(sp):
    from massnahmen.services import steckbrief_aendern

    a = factories.in_zustand(S.ANGEBOT_VORHANDEN)
    steckbrief_aendern(steckbrief=a.steckbrief, user=sp, befristet=False, laufzeit_bis=None)
    a.refresh_from_db()
    assert a.status == S.VERKNUEPFT
    assert "jetzt unbefristet" in verlauf(a).last().kommentar


def test_stadtweit_empfehlung_has_no_sozialraeume(sp):
    ost = Sozialraum.objects.get(kurzname="OST")
    e = services.empfehlung_anlegen(
        user=sp, titel="x", text="y", stadtweit=True, sozialraeume=[ost]
    )
    assert e.nummer.startswith("STADT-") and not e.sozialraeume.exists()
