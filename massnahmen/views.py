from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from core.rechte import objekt_fuer
from freigabe.views import freigabe_kontext, inhalt_bearbeiten
from massnahmen import selectors, services
from massnahmen.erweiterungen import STECKBRIEF_ABSCHNITTE, STECKBRIEF_LISTE_LINKS
from massnahmen.forms import SteckbriefForm
from massnahmen.models import Massnahmensteckbrief


@permission_required("massnahmen.steckbrief_ansehen", raise_exception=True)
def steckbrief_liste(request):
    suche = request.GET.get("suche", "")
    qs = selectors.steckbriefe_fuer(request.user, suche=suche)
    seite = Paginator(qs, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "massnahmen/steckbrief_liste.html",
        {
            "seite": seite,
            "suche": suche,
            "filter_query": urlencode({"suche": suche}) if suche else "",
            "links": [
                (link.text, reverse(link.url_name))
                for link in STECKBRIEF_LISTE_LINKS
                if request.user.has_perm(link.regel)
            ],
        },
    )


@permission_required("massnahmen.steckbrief_ansehen", raise_exception=True)
def steckbrief_detail(request, pk: int):
    steckbrief = objekt_fuer(
        request.user, "massnahmen.steckbrief_ansehen", selectors.steckbrief_fuer_seite(), pk=pk
    )
    return render(
        request,
        "massnahmen/steckbrief_detail.html",
        {
            "steckbrief": steckbrief,
            "darf_bearbeiten": steckbrief.bearbeitbar
            and request.user.has_perm("massnahmen.steckbrief_bearbeiten", steckbrief),
            "abschnitte": STECKBRIEF_ABSCHNITTE.rendern(request, steckbrief),
            "freigabe": freigabe_kontext(request, steckbrief),
        },
    )


@permission_required("massnahmen.steckbrief_bearbeiten", raise_exception=True)
def steckbrief_bearbeiten(request, pk: int | None = None):
    return inhalt_bearbeiten(
        request,
        modell=Massnahmensteckbrief,
        pk=pk,
        form_klasse=SteckbriefForm,
        anlegen=services.steckbrief_anlegen,
        aendern=lambda o, **kw: services.steckbrief_aendern(steckbrief=o, **kw),
        template="massnahmen/steckbrief_form.html",
        erfolg=lambda s: f"Steckbrief „{s.titel}“ gespeichert.",
    )
