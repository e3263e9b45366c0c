"""The arithmetic a controller must defend in the council: Zielerreichung, its state, and the
change against the city, with the edge cases (target = baseline, falling is better, values
past the target, no data, broken comparability)."""

from decimal import Decimal as D

import pytest

from wirkung import rechnen
from wirkung.rechnen import Messpunkt, Zustand


def zustand(basis, ziel, ist, *, jahre=(2020, 2024), sinken=False, quartal=None, brueche=()):
    punkt = None if ist is None else Messpunkt(ist[0], quartal, D(str(ist[1])))
    return rechnen.zustand(
        basis_jahr=jahre[0],
        basis=D(str(basis)),
        ziel_jahr=jahre[1],
        ziel=D(str(ziel)),
        sinken_ist_besser=sinken,
        ist=punkt,
        brueche=list(brueche),
    )


@pytest.mark.parametrize(
    ("basis", "ziel", "ist", "erwartet", "prozent"),
    [
        # Rising: 100 → 200 by 2024; after 2 of 4 years the linear path is at 50 %.
        (100, 200, (2022, 150), Zustand.AUF_KURS, "50 %"),
        (100, 200, (2022, 149), Zustand.NICHT_AUF_KURS, "49 %"),
        (100, 200, (2023, 200), Zustand.ERREICHT, "100 %"),
        (100, 200, (2024, 260), Zustand.ERREICHT, "160 %"),  # past the target
        (100, 200, (2022, 80), Zustand.NICHT_AUF_KURS, "-20 %"),  # wrong direction
        (100, 200, (2026, 190), Zustand.NICHT_AUF_KURS, "90 %"),  # after the target year
    ],
)
def test_rising_goals(basis, ziel, ist, erwartet, prozent):
    stand, grad = zustand(basis, ziel, ist)
    assert (stand, rechnen.prozent(grad)) == (erwartet, prozent)


def test_falling_is_better_uses_the_same_formula():
    # SGB-II-Quote 20 % → 16 % by 2024: 18 % in 2022 is half the way, on course.
    assert zustand(20, 16, (2022, 18), sinken=True) == (Zustand.AUF_KURS, D("0.5"))
    stand, grad = zustand(20, 16, (2022, 21), sinken=True)
    assert stand == Zustand.NICHT_AUF_KURS and grad == D("-0.25")
    assert zustand(20, 16, (2024, 15), sinken=True)[0] == Zustand.ERREICHT


def test_no_value_after_the_baseline_year_is_no_data():
    assert zustand(100, 200, None) == (Zustand.KEINE_DATEN, None)
    assert zustand(100, 200, (2020, 500)) == (Zustand.KEINE_DATEN, None)


def test_a_quarter_counts_at_its_end():
    # Baseline 2020 is its 31 December; the end of Q2/2022 is 1.5 of 4 years later: 37.5 %.
    assert zustand(0, 100, (2022, 37), quartal=2)[0] == Zustand.NICHT_AUF_KURS
    assert zustand(0, 100, (2022, 38), quartal=2)[0] == Zustand.AUF_KURS


@pytest.mark.parametrize(
    ("ist", "sinken", "jahr", "erwartet"),
    [
        (100, False, 2022, Zustand.AUF_KURS),
        (99, False, 2022, Zustand.NICHT_AUF_KURS),
        (100, False, 2024, Zustand.ERREICHT),
        (101, True, 2024, Zustand.NICHT_AUF_KURS),
        (95, True, 2024, Zustand.ERREICHT),
    ],
)
def test_target_equal_to_baseline_means_holding_the_level(ist, sinken, jahr, erwartet):
    assert zustand(100, 100, (jahr, ist), sinken=sinken) == (erwartet, None)


def test_a_break_between_baseline_and_actual_makes_it_incomparable():
    assert zustand(100, 200, (2023, 180), brueche=[2022]) == (Zustand.NICHT_VERGLEICHBAR, None)
    # A break before the baseline or after the actual year changes nothing.
    assert zustand(100, 200, (2023, 180), brueche=[2020, 2024, None])[0] == Zustand.AUF_KURS


def test_change_against_the_city():
    # The area fell by 3 points, the whole city by 2: one point better than the city.
    g = rechnen.gegen_stadt(
        basis_gebiet=D(20),
        ist_gebiet=D(17),
        basis_stadt=D(12),
        ist_stadt=D(10),
        sinken_ist_besser=True,
    )
    assert (g.gebiet, g.stadt, g.differenz, g.besser) == (D(-3), D(-2), D(-1), True)
    # Improved only as much as the city: not credited.
    g = rechnen.gegen_stadt(
        basis_gebiet=D(20),
        ist_gebiet=D(18),
        basis_stadt=D(12),
        ist_stadt=D(10),
        sinken_ist_besser=True,
    )
    assert g.differenz == 0 and g.besser is None
    g = rechnen.gegen_stadt(
        basis_gebiet=D(50),
        ist_gebiet=D(52),
        basis_stadt=D(50),
        ist_stadt=D(55),
        sinken_ist_besser=False,
    )
    assert g.besser is False
    assert (
        rechnen.gegen_stadt(
            basis_gebiet=D(1),
            ist_gebiet=D(2),
            basis_stadt=None,
            ist_stadt=D(2),
            sinken_ist_besser=False,
        )
        is None
    )


def test_numbers_are_written_the_german_way():
    assert rechnen.zahl(D("1234.5"), 1) == "1.234,5"
    assert rechnen.zahl(D("-0.25"), 2, vorzeichen=True) == "-0,25"
    assert rechnen.zahl(D("3"), 1, vorzeichen=True) == "+3,0"
    assert rechnen.zahl(None) == "–"
    assert rechnen.prozent(D("0.495")) == "50 %"
