"""Extension points: a higher room contributes, the lower room renders in order, once."""

from django.test import RequestFactory

from core.erweiterungen import Abschnitt, Erweiterungspunkt, Seitenabschnitte


def test_a_contribution_is_registered_once():
    punkt = Erweiterungspunkt("test")

    def beitrag():
        return None

    punkt.registrieren(beitrag)
    punkt.registrieren(beitrag)  # e.g. ready() run twice
    assert list(punkt) == [beitrag]


def test_sections_render_in_order_and_skip_what_has_nothing_to_show():
    punkt = Seitenabschnitte("test")
    punkt.registrieren(Abschnitt("partials/beispieldaten.html", lambda r, o: None, 1))
    punkt.registrieren(Abschnitt("partials/formfehler.html", lambda r, o: {"form": None}, 30))
    punkt.registrieren(
        Abschnitt("partials/beispieldaten.html", lambda r, o: {"beispieldaten": True}, 20)
    )
    teile = punkt.rendern(RequestFactory().get("/"), object())
    assert len(teile) == 2
    assert "Beispieldaten" in teile[0]  # order 20 before 30; the None one is left out
