"""Each rule per role (the URL matrix proves the views use them)."""

import pytest

from stammdaten.models import Bereich


def darf(user, regel, obj=None) -> bool:
    return user.has_perm(regel, obj)


ROLLEN = [
    "sozialplanung",
    "fb-jugend",
    "bl-jugend",
    "fb-gesundheit",
    "bl-gesundheit",
    "lesend",
    "admin",
    "ohne-rolle",
]


@pytest.fixture
def user(benutzer, ohne_rolle):
    return lambda name: ohne_rolle if name == "ohne-rolle" else benutzer[name]


@pytest.mark.parametrize(
    ("regel", "objekt", "erlaubt"),
    [
        ("stammdaten.ansehen", None, set(ROLLEN) - {"ohne-rolle"}),
        (
            "stammdaten.mitglieder_ansehen",
            None,
            {"sozialplanung", "fb-jugend", "bl-jugend", "fb-gesundheit", "bl-gesundheit", "admin"},
        ),
        (
            "stammdaten.mitglieder_ansehen",
            "3-1",
            {"sozialplanung", "fb-jugend", "bl-jugend", "admin"},
        ),
        (
            "stammdaten.mitglieder_ansehen",
            "3-4",
            {"sozialplanung", "fb-gesundheit", "bl-gesundheit", "admin"},
        ),
        ("stammdaten.kennzahlwerte_importieren", None, {"sozialplanung", "admin"}),
    ],
)
def test_rule_per_role(user, regel, objekt, erlaubt):
    obj = Bereich.objects.get(code=objekt) if objekt else None
    assert {r for r in ROLLEN if darf(user(r), regel, obj)} == erlaubt


def test_inactive_users_may_nothing(benutzer):
    fb = benutzer["fb-jugend"]
    fb.is_active = False
    assert not darf(fb, "stammdaten.ansehen")
    assert not darf(fb, "stammdaten.mitglieder_ansehen", Bereich.objects.get(code="3-1"))


def test_memberships_are_read_once_per_user_object(benutzer, django_assert_num_queries):
    fb = benutzer["fb-jugend"]
    bereich = Bereich.objects.get(code="3-1")
    with django_assert_num_queries(1):
        for _ in range(10):
            assert darf(fb, "stammdaten.mitglieder_ansehen", bereich)
