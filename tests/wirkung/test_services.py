"""Wirkungsziele on an item: what may be defined when, the Kennzahl's baseline and actual
values from the Kennzahlwerte, own indicators reported by the lead Bereich, the assessment
with frozen figures and its new Anregung, and the reminder sent once."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from core.workflow import WorkflowError
from empfehlungen.models import Anregung
from freigabe.models import Freigabestatus as F
from notifications.models import Benachrichtigung
from stammdaten.models import Kennzahlwert
from tests import factories
from tests.wirkung.conftest import wert
from wirkung import selectors, services
from wirkung.models import Wirkungsziel
from wirkung.rechnen import Zustand


def kennzahl_ziel(sp, gegenstand, kennzahl, ost, **felder):
    werte = {
        "quelle": "kennzahl",
        "art": "wirkung",
        "kennzahl": kennzahl,
        "sozialraum": ost,
        "basis_jahr": 2019,
        "ziel_jahr": 2026,
        "ziel_wert": wert(kennzahl, 2019, ost) - 4,
        **felder,
    }
    return services.ziel_speichern(user=sp, gegenstand=gegenstand, **werte)


def auswertung(ziel):
    (a,) = selectors.auswerten([z for z in selectors.ziele_von([ziel.gegenstand]) if z == ziel])
    return a


def test_a_kennzahl_goal_takes_its_baseline_and_actuals_from_the_kennzahlwerte(
    sp, entwurf, kinderarmut, ost
):
    ziel = kennzahl_ziel(sp, entwurf, kinderarmut, ost)
    assert ziel.bezeichnung == "Kinderarmut" and ziel.richtung == "sinken"
    assert ziel.basis_wert == wert(kinderarmut, 2019, ost)
    a = auswertung(ziel)
    assert [p.jahr for p in a.reihe] == list(range(2019, 2025))
    assert a.letzter.jahr == 2024 and a.letzter.wert == wert(kinderarmut, 2024, ost)
    gebiet = wert(kinderarmut, 2024, ost) - wert(kinderarmut, 2019, ost)
    stadt = wert(kinderarmut, 2024) - wert(kinderarmut, 2019)
    assert (a.gegen_stadt.gebiet, a.gegen_stadt.stadt) == (gebiet, stadt)
    assert a.gegen_stadt.differenz == gebiet - stadt
    assert a.grad == (a.letzter.wert - ziel.basis_wert) / (ziel.ziel_wert - ziel.basis_wert)


def test_a_new_year_of_kennzahlwerte_moves_the_state_without_typing(sp, entwurf, kinderarmut, ost):
    ziel = kennzahl_ziel(sp, entwurf, kinderarmut, ost)
    Kennzahlwert.objects.create(
        kennzahl=kinderarmut, sozialraum=ost, jahr=2025, wert=ziel.ziel_wert - 1
    )
    a = auswertung(ziel)
    assert a.letzter.jahr == 2025 and a.zustand == Zustand.ERREICHT
    assert a.gegen_stadt is None  # no city value for 2025 yet: no comparison, no guess
    Kennzahlwert.objects.create(kennzahl=kinderarmut, jahr=2025, wert=wert(kinderarmut, 2024))
    assert auswertung(ziel).gegen_stadt is not None


def test_a_changed_definition_or_area_makes_the_comparison_incomparable(
    sp, entwurf, kinderarmut, ost
):
    ziel = kennzahl_ziel(sp, entwurf, kinderarmut, ost)
    kinderarmut.vergleichbar_ab = 2022
    kinderarmut.save()
    a = auswertung(ziel)
    assert a.zustand == Zustand.NICHT_VERGLEICHBAR and a.grad is None and a.gegen_stadt is None
    kinderarmut.vergleichbar_ab = None
    kinderarmut.save()
    ost.zuschnitt_seit = 2021
    ost.save()
    assert auswertung(ziel).zustand == Zustand.NICHT_VERGLEICHBAR


@pytest.mark.parametrize(
    ("felder", "feld", "meldung"),
    [
        ({"ziel_wert": D("99")}, "ziel_wert", "soll aber sinken"),
        ({"ziel_jahr": 2019}, "ziel_jahr", "nach dem Ausgangsjahr"),
        ({"basis_jahr": 2010}, "basis_wert", "keinen Wert der Kennzahl"),
        ({"sozialraum": None}, "sozialraum", "Sozialraum oder das Sozialquartier"),
    ],
)
def test_goals_that_cannot_be_judged_are_refused(
    sp, entwurf, kinderarmut, ost, felder, feld, meldung
):
    with pytest.raises(WorkflowError, match=meldung) as fehler:
        kennzahl_ziel(sp, entwurf, kinderarmut, ost, **felder)
    assert feld in fehler.value.felder
    entwurf.refresh_from_db()
    assert not Wirkungsziel.objects.filter(empfehlung=entwurf).exists() and entwurf.stand == 0


def test_the_area_must_belong_to_the_item(sp, entwurf, kinderarmut):
    from stammdaten.models import Sozialraum

    fremd = Sozialraum.objects.exclude(kurzname="OST").first()
    with pytest.raises(WorkflowError, match="gehört nicht zum Eintrag"):
        kennzahl_ziel(sp, entwurf, kinderarmut, fremd, ziel_wert=D(1))


def test_a_qualitative_goal_needs_its_text_and_keeps_no_numbers(sp, entwurf):
    with pytest.raises(WorkflowError, match="Beschreibung"):
        services.ziel_speichern(user=sp, gegenstand=entwurf, quelle="qualitativ", bezeichnung="X")
    ziel = services.ziel_speichern(
        user=sp,
        gegenstand=entwurf,
        quelle="qualitativ",
        bezeichnung="Träger vernetzt",
        beschreibung="Die Träger im Stadtteil treffen sich regelmäßig.",
        basis_jahr=2020,
        basis_wert=D(1),
    )
    assert ziel.basis_jahr is None and ziel.basis_wert is None
    assert auswertung(ziel).zustand == Zustand.QUALITATIV


def test_a_goal_changes_with_the_item_only_while_editable(sp, entwurf, kinderarmut, ost):
    ziel = kennzahl_ziel(sp, entwurf, kinderarmut, ost)
    entwurf.refresh_from_db()
    assert entwurf.stand == 1 and ziel.fassung == 1
    in_abstimmung = factories.in_freigabe_zustand(entwurf, F.IN_ABSTIMMUNG)
    vorher = Benachrichtigung.objects.filter(art="abstimmung").count()
    services.ziel_speichern(
        user=sp, gegenstand=in_abstimmung, ziel=ziel, ziel_wert=ziel.basis_wert - 2
    )
    in_abstimmung.refresh_from_db()
    assert in_abstimmung.stand == 2
    # Every Bereich is asked again about the new stand.
    assert Benachrichtigung.objects.filter(art="abstimmung").count() > vorher
    veroeffentlicht = factories.in_freigabe_zustand(
        factories.empfehlung(titel="Schon veröffentlicht"), F.VEROEFFENTLICHT
    )
    with pytest.raises(WorkflowError, match="Neue Fassung"):
        kennzahl_ziel(sp, veroeffentlicht, kinderarmut, ost)
    ziel.refresh_from_db()
    assert [h.ziel_wert for h in ziel.history.order_by("history_date")][-1] == ziel.ziel_wert
    assert ziel.history.count() == 2


def test_only_sozialplanung_defines_goals(benutzer, entwurf, kinderarmut, ost):
    for rolle in ("fb-jugend", "bl-jugend", "lesend"):
        with pytest.raises(PermissionDenied):
            kennzahl_ziel(benutzer[rolle], entwurf, kinderarmut, ost)


# --- Own indicators -----------------------------------------------------------------------------
@pytest.fixture
def eigenes(sp, entwurf):
    return services.ziel_speichern(
        user=sp,
        gegenstand=entwurf,
        quelle="eigen",
        art="leistung",
        bezeichnung="Beratungsfälle",
        einheit="Fälle",
        richtung="steigen",
        basis_jahr=2024,
        basis_wert=D(40),
        ziel_jahr=2026,
        ziel_wert=D(80),
    )


def test_the_lead_bereich_reports_own_values_and_a_second_one_corrects(benutzer, eigenes):
    services.istwert_erfassen(
        user=benutzer["fb-jugend"], ziel=eigenes, jahr=2025, quartal=2, wert=D(50)
    )
    services.istwert_erfassen(
        user=benutzer["fb-jugend"], ziel=eigenes, jahr=2025, quartal=2, wert=D(52)
    )
    assert list(eigenes.istwerte.values_list("wert", flat=True)) == [D(52)]
    a = auswertung(eigenes)
    # Half a year of two has passed at the end of Q2/2025: 25 % needed, 30 % reached.
    assert (a.letzter.zeitraum, a.prozent, a.zustand) == ("Q2/2025", "30 %", Zustand.AUF_KURS)
    services.istwert_erfassen(user=benutzer["fb-jugend"], ziel=eigenes, jahr=2025, wert=D(55))
    a = auswertung(eigenes)
    # The year's value counts at its end: one of two years, 50 % needed, 37.5 % reached.
    assert (a.letzter.zeitraum, a.prozent, a.zustand) == ("2025", "38 %", Zustand.NICHT_AUF_KURS)
    with pytest.raises(PermissionDenied):
        services.istwert_erfassen(
            user=benutzer["fb-gesundheit"], ziel=eigenes, jahr=2025, wert=D(1)
        )
    with pytest.raises(WorkflowError, match="vor dem Ausgangsjahr"):
        services.istwert_erfassen(
            user=benutzer["sozialplanung"], ziel=eigenes, jahr=2023, wert=D(1)
        )


def test_kennzahl_goals_take_no_typed_values(sp, entwurf, kinderarmut, ost):
    ziel = kennzahl_ziel(sp, entwurf, kinderarmut, ost)
    with pytest.raises(WorkflowError, match="Import der Kennzahlwerte"):
        services.istwert_erfassen(user=sp, ziel=ziel, jahr=2025, wert=D(1))


@pytest.mark.parametrize(
    ("roh", "erwartet"),
    [
        ("1.234,5", D("1234.5000")),
        ("1234.5", D("1234.5000")),
        ("-3", D("-3.0000")),
        ("12,0", D("12")),
    ],
)
def test_numbers_are_read_as_germans_type_them(roh, erwartet):
    assert services.wert_lesen(roh) == (erwartet, None)


@pytest.mark.parametrize("roh", ["", "zwölf", "1e400", "NaN", "Infinity", "1.020", "-2.500.000"])
def test_what_is_no_number_gets_a_german_message(roh):
    wert, fehler = services.wert_lesen(roh)
    assert wert is None and fehler.startswith("Wert:")


# --- Assessment ---------------------------------------------------------------------------------
def test_the_assessment_freezes_the_figures_it_saw(sp, kinderarmut, ost):
    empfehlung = factories.empfehlung(titel="Zu prüfen")
    kennzahl_ziel(sp, empfehlung, kinderarmut, ost)
    with pytest.raises(WorkflowError, match="erst nach der Veröffentlichung"):
        services.wirkung_pruefen(user=sp, gegenstand=empfehlung, urteil="wirksam", begruendung="x")
    empfehlung = factories.in_freigabe_zustand(empfehlung, F.VEROEFFENTLICHT)
    pruefung = services.wirkung_pruefen(
        user=sp, gegenstand=empfehlung, urteil="teilweise", begruendung="Die Quote sank."
    )
    (beleg,) = pruefung.belege
    assert beleg["ist"].endswith("(2024)") and beleg["indikator"] == "Kinderarmut"
    Kennzahlwert.objects.filter(kennzahl=kinderarmut, sozialraum=ost, jahr=2024).update(wert=D(99))
    pruefung.refresh_from_db()
    assert pruefung.belege == [beleg] and pruefung.fassung == empfehlung.fassung
    with pytest.raises(WorkflowError, match="begründen"):
        services.wirkung_pruefen(user=sp, gegenstand=empfehlung, urteil="wirksam", begruendung=" ")


def test_not_effective_starts_a_new_anregung_linked_both_ways(sp, kinderarmut, ost):
    empfehlung = factories.in_freigabe_zustand(
        factories.empfehlung(titel="Wirkt nicht"), F.VEROEFFENTLICHT
    )
    with pytest.raises(WorkflowError, match="nur aus einem „nicht wirksam“"):
        services.wirkung_pruefen(
            user=sp, gegenstand=empfehlung, urteil="wirksam", begruendung="gut", neue_anregung=True
        )
    pruefung = services.wirkung_pruefen(
        user=sp,
        gegenstand=empfehlung,
        urteil="nicht_wirksam",
        begruendung="Die Kinderarmut stieg stärker als in der Stadt.",
        neue_anregung=True,
    )
    anregung = Anregung.objects.get(pk=pruefung.anregung_id)
    assert anregung.status == "eingegangen" and anregung.sozialraum == ost
    assert "Wirkt nicht" in anregung.text and anregung.wirkungspruefung == pruefung


def test_only_sozialplanung_assesses(benutzer):
    empfehlung = factories.in_freigabe_zustand(
        factories.empfehlung(titel="Rechte"), F.VEROEFFENTLICHT
    )
    with pytest.raises(PermissionDenied):
        services.wirkung_pruefen(
            user=benutzer["bl-jugend"], gegenstand=empfehlung, urteil="wirksam", begruendung="x"
        )


# --- Reminder -----------------------------------------------------------------------------------
def test_due_assessments_are_reminded_once_and_not_after_the_assessment(sp, kinderarmut, ost):
    empfehlung = factories.in_freigabe_zustand(
        factories.empfehlung(titel="Erinnern"), F.VEROEFFENTLICHT
    )
    Wirkungsziel.objects.create(
        empfehlung=empfehlung,
        bezeichnung="Netzwerk",
        quelle="qualitativ",
        beschreibung="…",
        pruefung_am=date(2027, 3, 1),
    )
    titel = f"Wirkungsprüfung fällig: {empfehlung.bezeichnung}"
    services.an_pruefungen_erinnern(heute=date(2027, 2, 28))
    assert not Benachrichtigung.objects.filter(titel=titel).exists()
    services.an_pruefungen_erinnern(heute=date(2027, 3, 1))
    erinnert = Benachrichtigung.objects.filter(titel=titel)
    assert list(erinnert.values_list("empfaenger__username", flat=True)) == ["sozialplanung"]
    assert services.an_pruefungen_erinnern(heute=date(2027, 3, 2)) == 0  # nothing new at all
    assert Benachrichtigung.objects.filter(titel=titel).count() == 1
    services.wirkung_pruefen(
        user=sp, gegenstand=empfehlung, urteil="nicht_beurteilbar", begruendung="zu früh"
    )
    assert empfehlung not in [g for g, _ in services.faellige_pruefungen(date(2027, 4, 1))]


def test_an_empfehlung_umgesetzt_is_due_for_assessment(sp):
    from empfehlungen.models import Empfehlungsstatus

    empfehlung = factories.in_freigabe_zustand(
        factories.empfehlung(titel="Umgesetzt"), F.VEROEFFENTLICHT
    )
    Wirkungsziel.objects.create(
        empfehlung=empfehlung, bezeichnung="Netzwerk", quelle="qualitativ", beschreibung="…"
    )

    def faellig():
        return [(g.pk, anlass) for g, anlass in services.faellige_pruefungen(date(2027, 1, 1))]

    assert (empfehlung.pk, "umgesetzt") not in faellig()
    type(empfehlung).objects.filter(pk=empfehlung.pk).update(status=Empfehlungsstatus.UMGESETZT)
    assert (empfehlung.pk, "umgesetzt") in faellig()
