import io

import pytest
from django.core.management import CommandError, call_command

from stammdaten.models import (
    Bereich,
    Kennzahl,
    Kennzahlwert,
    Mitgliedschaft,
    Sozialquartier,
    Sozialraum,
    User,
)
from start import demo


def zaehlen():
    return tuple(
        m.objects.count()
        for m in (Sozialraum, Sozialquartier, Bereich, Kennzahl, Kennzahlwert, User, Mitgliedschaft)
    )


def test_load_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="nur in der Entwicklung"):
        call_command("load_demo")


def test_load_demo_twice_changes_nothing(db, settings):
    settings.DEBUG = True
    vorher = zaehlen()
    werte = dict(Kennzahlwert.objects.values_list("pk", "wert"))
    ausgabe = io.StringIO()
    call_command("load_demo", stdout=ausgabe)
    assert zaehlen() == vorher
    assert dict(Kennzahlwert.objects.values_list("pk", "wert")) == werte
    assert "6 Sozialräume, 27 Sozialquartiere" in ausgabe.getvalue()


def test_demo_matches_the_reference(db):
    assert list(Sozialraum.objects.values_list("name", flat=True)) == [
        "Mitte/Styrum",
        "Alstaden/Lirich",
        "Oberhausen-Ost",
        "Osterfeld",
        "Sterkrade-Mitte",
        "Sterkrade-Nord",
    ]
    assert Sozialquartier.objects.count() == 27
    assert Bereich.objects.get(code="3-1").name == "Kinder, Jugend und Familie"
    assert Bereich.objects.get(code="JC").art == Bereich.Art.EXTERN
    assert Kennzahl.objects.filter(im_sozialindex=True).count() == 7
    assert not Kennzahlwert.objects.filter(beispieldaten=False).exists()


@pytest.mark.parametrize(
    ("username", "erwartet"),
    [
        ("sozialplanung", ["Sozialplanung"]),
        ("fb-jugend", ["Mitarbeit in 3-1 Kinder, Jugend und Familie"]),
        ("bl-jugend", ["Leitung in 3-1 Kinder, Jugend und Familie"]),
        ("fb-gesundheit", ["Mitarbeit in 3-4 Gesundheit"]),
        ("bl-gesundheit", ["Leitung in 3-4 Gesundheit"]),
        ("lesend", ["Lesend"]),
        ("admin", ["Administration"]),
    ],
)
def test_demo_users_and_their_roles(db, username, erwartet):
    user = User.objects.get(username=username)
    assert user.rollen_beschreibung() == erwartet
    assert user.check_password(demo.DEMO_PASSWORT)


def test_a_changed_demo_membership_is_reset(db):
    fb = User.objects.get(username="fb-jugend")
    Mitgliedschaft.objects.create(user=fb, bereich=Bereich.objects.get(code="3-4"))
    demo.laden()
    assert fb.rollen_beschreibung() == ["Mitarbeit in 3-1 Kinder, Jugend und Familie"]
