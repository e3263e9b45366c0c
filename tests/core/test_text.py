from datetime import datetime, timedelta

import pytest

from core.text import anzahl, seit

JETZT = datetime(2026, 12, 1, 12, 0)


@pytest.mark.parametrize(
    ("n", "erwartet"),
    [(0, "0 Anregungen"), (1, "1 Anregung"), (2, "2 Anregungen"), (1234, "1.234 Anregungen")],
)
def test_anzahl_says_singular_and_plural(n, erwartet):
    assert anzahl(n, "Anregung", "Anregungen") == erwartet


@pytest.mark.parametrize(
    ("vorher", "erwartet"),
    [
        (timedelta(seconds=20), "gerade eben"),
        (timedelta(minutes=1), "seit 1 Minute"),
        (timedelta(minutes=5), "seit 5 Minuten"),
        (timedelta(hours=1), "seit 1 Stunde"),
        (timedelta(days=1, hours=3), "seit 1 Tag"),
        (timedelta(days=3), "seit 3 Tagen"),
        (timedelta(days=14), "seit 2 Wochen"),
        (timedelta(days=40), "seit 1 Monat"),
        (timedelta(days=365 * 7 + 3), "seit 7 Jahren"),  # dative, not "seit 7 Jahre"
    ],
)
def test_seit_takes_the_dative(vorher, erwartet):
    assert seit(JETZT - vorher, jetzt=JETZT) == erwartet


def test_seit_of_nothing_is_empty():
    assert seit(None, jetzt=JETZT) == ""
