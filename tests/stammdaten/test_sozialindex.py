from decimal import Decimal

import pytest

from stammdaten import sozialindex
from stammdaten.models import Kennzahl, Kennzahlwert, Sozialquartier, Sozialraum

H, N = Kennzahl.Richtung.HOEHER_SCHLECHTER, Kennzahl.Richtung.NIEDRIGER_SCHLECHTER


@pytest.fixture
def kleine_stadt(db):
    """Three quarters, two indicators; everything else of the demo is switched off."""
    Sozialquartier.objects.update(aktiv=False)
    Kennzahl.objects.update(im_sozialindex=False)
    raum = Sozialraum.objects.create(name="Testraum", kurzname="TST", reihenfolge=99)
    q = [Sozialquartier.objects.create(name=f"Q{i}", sozialraum=raum) for i in (1, 2, 3)]
    armut = Kennzahl.objects.create(name="Armut", einheit="%", richtung=H, im_sozialindex=True)
    bildung = Kennzahl.objects.create(name="Bildung", einheit="%", richtung=N, im_sozialindex=True)

    def werte(kennzahl, jahr, stadt, *je_quartier):
        if stadt is not None:
            Kennzahlwert.objects.create(kennzahl=kennzahl, jahr=jahr, wert=Decimal(stadt))
        for quartier, wert in zip(q, je_quartier, strict=True):
            if wert is not None:
                Kennzahlwert.objects.create(
                    kennzahl=kennzahl, sozialquartier=quartier, jahr=jahr, wert=Decimal(wert)
                )

    werte(armut, 2030, 20, 10, 20, 30)
    werte(bildung, 2030, 45, 50, 40, 30)
    werte(armut, 2026, 15, 10, 15, 20)
    werte(bildung, 2026, 45, 50, 40, 30)
    return q, armut, bildung


def test_status_is_the_mean_of_flipped_z_values(kleine_stadt):
    (q1, q2, q3), armut, bildung = kleine_stadt
    index = sozialindex.berechnen(jahr=2030, spanne=4)
    z = {zeile.gebiet: zeile for zeile in index.zeilen}
    # Armut: sd(10,20,30) = 8.165, city 20; higher is worse, so 10 -> +1.2247.
    assert z[q1].z_status[armut.pk] == pytest.approx(1.2247, abs=1e-4)
    # Bildung: lower is worse; 30 against city 45 -> -1.8371.
    assert z[q3].z_status[bildung.pk] == pytest.approx(-1.8371, abs=1e-4)
    assert z[q1].status == pytest.approx(0.9186, abs=1e-4)
    assert z[q2].status == pytest.approx(-0.3062, abs=1e-4)
    assert z[q3].status == pytest.approx(-1.5309, abs=1e-4)
    assert [z[q].status_klasse for q in (q1, q2, q3)] == ["hoch", "mittel", "sehr niedrig"]


def test_dynamik_compares_each_change_with_the_citys(kleine_stadt):
    (q1, q2, q3), _, _ = kleine_stadt
    index = sozialindex.berechnen(jahr=2030, spanne=4)
    z = {zeile.gebiet: zeile for zeile in index.zeilen}
    # Armut changed by 0, 5, 10 while the city rose by 5; Bildung did not change anywhere.
    assert z[q1].dynamik == pytest.approx(0.6124, abs=1e-4)
    assert z[q2].dynamik == pytest.approx(0.0, abs=1e-9)
    assert z[q3].dynamik == pytest.approx(-0.6124, abs=1e-4)
    assert [z[q].dynamik_klasse for q in (q1, q2, q3)] == ["positiv", "stabil", "negativ"]


def test_without_a_city_value_the_mean_of_the_areas_is_the_centre(kleine_stadt):
    (q1, _, _), armut, _ = kleine_stadt
    Kennzahlwert.objects.filter(kennzahl=armut, jahr=2030, sozialquartier__isnull=True).delete()
    Kennzahlwert.objects.filter(kennzahl=armut, jahr=2030, sozialquartier=q1).update(wert=14)
    index = sozialindex.berechnen(jahr=2030)
    zeile = index.fuer(q1)
    # mean(14, 20, 30) = 21.33, sd = 6.60 -> +1.111
    assert zeile.z_status[armut.pk] == pytest.approx(1.1112, abs=1e-3)


def test_missing_values_are_named_and_do_not_break_the_index(kleine_stadt):
    (q1, q2, _), armut, bildung = kleine_stadt
    Kennzahlwert.objects.filter(kennzahl=bildung, sozialquartier=q2).delete()
    index = sozialindex.berechnen(jahr=2030)
    assert index.fuer(q2).fehlende == ["Bildung"]
    assert index.fuer(q2).status == pytest.approx(index.fuer(q2).z_status[armut.pk])
    assert index.fuer(q1).fehlende == []


def test_equal_values_everywhere_give_zero_not_an_error(kleine_stadt):
    _, armut, _ = kleine_stadt
    Kennzahlwert.objects.filter(kennzahl=armut, jahr=2030).update(wert=20)
    index = sozialindex.berechnen(jahr=2030)
    assert all(z.z_status[armut.pk] == 0 for z in index.zeilen)


def test_a_year_without_data_gives_no_values(kleine_stadt):
    index = sozialindex.berechnen(jahr=1999)
    assert all(z.status is None and z.status_klasse == "–" for z in index.zeilen)


@pytest.mark.parametrize(
    ("wert", "klasse"),
    [
        (0.5, "hoch"),
        (0.49, "mittel"),
        (-0.5, "mittel"),
        (-0.51, "niedrig"),
        (-1.0, "niedrig"),
        (-1.01, "sehr niedrig"),
    ],
)
def test_status_class_bounds(wert, klasse):
    assert sozialindex.klasse(wert, sozialindex.STATUS_KLASSEN) == klasse


def test_demo_has_seven_low_quarters_and_an_early_warning(db):
    """The demo mirrors the public reporting: seven low or very low quarters, and one quarter
    whose Dynamik warns before its Status does."""
    index = sozialindex.berechnen(jahr=2024, spanne=4)
    niedrig = [z for z in index.zeilen if z.status_klasse in {"niedrig", "sehr niedrig"}]
    assert len(niedrig) == 7
    warnung = [
        z for z in index.zeilen if z.status_klasse == "mittel" and z.dynamik_klasse == "negativ"
    ]
    assert [z.gebiet.name for z in warnung] == ["Schladviertel"]


def test_sozialraum_level_uses_the_sozialraum_values(db):
    index = sozialindex.berechnen(jahr=2024, ebene=sozialindex.EBENE_SOZIALRAUM)
    assert len(index.zeilen) == 6
    schlechtester = min(index.zeilen, key=lambda z: z.status)
    assert schlechtester.gebiet.kurzname == "MST"
