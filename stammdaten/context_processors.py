from django.conf import settings
from django.urls import reverse

# (label, url name, rule the role needs); the rule module decides, the menu only asks.
NAVIGATION = [
    ("Start", "start", None),
    ("Anregungen", "anregung_liste", "empfehlungen.anregung_ansehen"),
    ("Veranstaltungen", "veranstaltung_liste", "empfehlungen.veranstaltung_ansehen"),
    ("Empfehlungen", "empfehlung_liste", "empfehlungen.empfehlung_ansehen"),
    ("Steckbriefe", "steckbrief_liste", "massnahmen.steckbrief_ansehen"),
    ("Strategiepapiere", "strategiepapier_liste", "empfehlungen.strategiepapier_ansehen"),
    ("Sachstandsmeldungen", "meldung_liste", "controlling.meldung_ansehen"),
    ("Controlling", "controlling_dashboard", "controlling.ansehen"),
    ("Sozialräume", "sozialraum_liste", "stammdaten.ansehen"),
    ("Sozialindex", "sozialindex", "stammdaten.ansehen"),
    ("Kennzahlen", "kennzahl_liste", "stammdaten.ansehen"),
    ("Bereiche", "bereich_liste", "stammdaten.ansehen"),
]


def navigation(request):
    kontext = {"STADT_NAME": settings.STADT_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return kontext
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
    from notifications.models import Benachrichtigung

    ungelesen = Benachrichtigung.objects.filter(empfaenger=user, gelesen_am__isnull=True).count()
    return {**kontext, "navigation": eintraege, "ungelesen": ungelesen}
