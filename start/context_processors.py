from django.conf import settings
from django.urls import reverse

# The main menu: (label, url name, rule the role needs); the rules decide, the menu only asks.
# The top room knows every room's pages; the rooms below know nothing of the menu.
NAVIGATION = [
    ("Start", "start", None),
    ("Anregungen", "anregung_liste", "empfehlungen.anregung_ansehen"),
    ("Veranstaltungen", "veranstaltung_liste", "empfehlungen.veranstaltung_ansehen"),
    ("Empfehlungen", "empfehlung_liste", "empfehlungen.empfehlung_ansehen"),
    ("Steckbriefe", "steckbrief_liste", "massnahmen.steckbrief_ansehen"),
    ("Strategiepapiere", "strategiepapier_liste", "strategiepapier.ansehen"),
    ("Sachstandsmeldungen", "meldung_liste", "controlling.meldung_ansehen"),
    ("Controlling", "controlling_dashboard", "controlling.ansehen"),
    ("Wirkung", "wirkung_uebersicht", "stammdaten.ansehen"),
    ("Sozialräume", "sozialraum_liste", "stammdaten.ansehen"),
    ("Sozialindex", "sozialindex", "stammdaten.ansehen"),
    ("Kennzahlen", "kennzahl_liste", "stammdaten.ansehen"),
    ("Bereiche", "bereich_liste", "stammdaten.ansehen"),
]


def navigation(request):
    kontext = {"STADT_NAME": settings.STADT_NAME, "TRANSPARENZ_AKTIV": settings.TRANSPARENZ_AKTIV}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return kontext
    # Once per request: parts of a page rendered on their own run the processors again.
    if not hasattr(request, "_navigation"):
        request._navigation = _eintraege(request, user)
    return {**kontext, "navigation": request._navigation}


def _eintraege(request, user) -> list[dict]:
    pfad = request.path
    eintraege = []
    for label, name, regel in NAVIGATION:
        if regel and not user.has_perm(regel):
            continue
        url = reverse(name)
        aktiv = pfad == url if url == "/" else pfad.startswith(url)
        eintraege.append({"label": label, "url": url, "aktiv": aktiv})
    if user.is_staff:
        eintraege.append(
            {
                "label": "Verwaltung",
                "url": reverse("admin:index"),
                "aktiv": pfad.startswith(reverse("admin:index")),
            }
        )
    return eintraege
