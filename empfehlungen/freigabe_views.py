"""Pages and steps of Abstimmung and Freigabe, for Steckbriefe and Empfehlungen alike."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from empfehlungen import freigabe
from empfehlungen.models import Abstimmung, Handlungsempfehlung
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich
from stammdaten.permissions import get_object_for
from stammdaten.workflow import WorkflowError

MODELLE = {
    "empfehlung": (Handlungsempfehlung, "empfehlungen.empfehlung_ansehen"),
    "steckbrief": (Massnahmensteckbrief, "massnahmen.steckbrief_ansehen"),
}


def _objekt(request, typ: str, pk: int):
    """The item, if this user may see it (404 for other Bereiche' drafts)."""
    if typ not in MODELLE:
        raise Http404
    modell, regel = MODELLE[typ]
    return get_object_for(request.user, regel, modell.objects.prefetch_related("beteiligte"), pk=pk)


class SchrittForm(forms.Form):
    kommentar = forms.CharField(required=False)


SCHRITTE = {
    "zur-abstimmung": ("Zur Abstimmung gegeben.", freigabe.zur_abstimmung_geben),
    "zur-freigabe": (
        "Zur Freigabe gegeben; die Bereichsleitungen sind benachrichtigt.",
        freigabe.zur_freigabe_geben,
    ),
    "neue-fassung": (
        "Neue Fassung angelegt; sie geht erneut in Abstimmung und Freigabe.",
        lambda **kw: freigabe.neue_fassung_anlegen(**kw),
    ),
    "zurueckziehen": (
        "Zurückgezogen.",
        lambda *, objekt, user, kommentar: freigabe.zurueckziehen(
            objekt=objekt, user=user, grund=kommentar
        ),
    ),
}
UMSETZUNG = {
    "umsetzung-beginnen": ("umsetzung_beginnen", "Umsetzung begonnen."),
    "umgesetzt": ("als_umgesetzt", "Als umgesetzt vermerkt."),
    "nicht-umsetzbar": ("als_nicht_umsetzbar", "Als nicht umsetzbar vermerkt."),
}


@require_POST
def schritt(request, typ: str, pk: int, aktion: str):
    objekt = _objekt(request, typ, pk)
    form = SchrittForm(request.POST)
    form.is_valid()
    kommentar = form.cleaned_data.get("kommentar", "")
    try:
        if aktion in SCHRITTE:
            if not request.user.has_perm("freigabe.steuern"):
                raise PermissionDenied
            erfolg, service = SCHRITTE[aktion]
            service(objekt=objekt, user=request.user, kommentar=kommentar)
        elif aktion in UMSETZUNG and typ == "empfehlung":
            if not request.user.has_perm("empfehlung.umsetzung_melden", objekt):
                raise PermissionDenied
            name, erfolg = UMSETZUNG[aktion]
            freigabe.umsetzung_melden(
                empfehlung=objekt, user=request.user, schritt=name, kommentar=kommentar
            )
        else:
            raise Http404("Unbekannter Schritt.")
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, erfolg)
    return redirect(freigabe.detail_url(objekt))


class AbstimmungForm(forms.Form):
    bereich = forms.ModelChoiceField(queryset=Bereich.objects.all(), label="für den Bereich")
    antwort = forms.ChoiceField(
        choices=Abstimmung.Antwort.choices, widget=forms.RadioSelect, label="Antwort"
    )
    text = forms.CharField(
        label="Anmerkung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bei Änderungsbedarf bitte beschreiben, was sich ändern soll.",
    )
    stand = forms.IntegerField(widget=forms.HiddenInput)


@require_POST
def abstimmen(request, typ: str, pk: int):
    objekt = _objekt(request, typ, pk)
    if not request.user.has_perm("freigabe.abstimmen", objekt):
        raise PermissionDenied
    form = AbstimmungForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bitte Bereich und Antwort wählen.")
        return redirect(freigabe.detail_url(objekt) + "#abstimmung")
    try:
        a = freigabe.abstimmung_beantworten(objekt=objekt, user=request.user, **form.cleaned_data)
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"Antwort für {a.bereich} gespeichert: {a.get_antwort_display()}."
        )
    return redirect(freigabe.detail_url(objekt) + "#abstimmung")


class EntscheidungForm(forms.Form):
    bereich = forms.ModelChoiceField(queryset=Bereich.objects.none(), label="für den Bereich")
    entscheidung = forms.ChoiceField(
        choices=[("freigeben", "Freigeben"), ("ablehnen", "Ablehnen")],
        widget=forms.RadioSelect,
        label="Entscheidung",
        initial="freigeben",
    )
    begruendung = forms.CharField(
        label="Begründung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bei einer Ablehnung erforderlich.",
    )
    fassung = forms.IntegerField(widget=forms.HiddenInput)  # the Fassung the Leitung read

    def __init__(self, *args, bereiche, fassung, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fassung"].initial = fassung
        self.fields["bereich"].queryset = Bereich.objects.filter(pk__in=[b.pk for b in bereiche])
        if len(bereiche) == 1:
            self.fields["bereich"].initial = bereiche[0].pk

    def clean(self):
        daten = super().clean()
        if daten.get("entscheidung") == "ablehnen" and not (daten.get("begruendung") or "").strip():
            self.add_error("begruendung", "Bitte die Ablehnung begründen.")
        return daten


def entscheiden(request, typ: str, pk: int):
    """The decision page a Bereichsleitung reaches from the mail: one form, one confirmation."""
    objekt = _objekt(request, typ, pk)
    if not request.user.has_perm("freigabe.entscheiden", objekt):
        raise PermissionDenied
    offen = _offene_bereiche(request.user, objekt)
    form = EntscheidungForm(request.POST or None, bereiche=offen, fassung=objekt.fassung)
    if request.method == "POST" and form.is_valid():
        try:
            f = freigabe.freigabe_entscheiden(
                objekt=objekt,
                user=request.user,
                bereich=form.cleaned_data["bereich"],
                freigeben=form.cleaned_data["entscheidung"] == "freigeben",
                begruendung=form.cleaned_data["begruendung"],
                fassung=form.cleaned_data["fassung"],
            )
        except WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"{f.get_entscheidung_display().capitalize()} für {f.bereich} ({f.unterschrift}).",
            )
            return redirect(freigabe.detail_url(objekt))
    return render(
        request,
        "empfehlungen/freigabe_entscheiden.html",
        {
            "objekt": objekt,
            "typ": typ,
            "form": form,
            "offen": offen,
            "entscheidungen": objekt.freigaben.filter(fassung=objekt.fassung).select_related(
                "bereich", "user", "in_vertretung_fuer"
            ),
            "bezeichnung": freigabe.bezeichnung(objekt),
        },
    )


def _offene_bereiche(user, objekt) -> list[Bereich]:
    """The item's Bereiche this user may decide for and that have not decided yet."""
    entschieden = set(
        objekt.freigaben.filter(fassung=objekt.fassung).values_list("bereich_id", flat=True)
    )
    ergebnis = []
    for b in objekt.bereiche():
        if b.pk in entschieden:
            continue
        try:
            freigabe.vertretene_leitung(user, b)
        except PermissionDenied:
            continue
        ergebnis.append(b)
    return ergebnis


def kontext(request, objekt) -> dict:
    """Everything the item page shows about Abstimmung, Freigabe, history and versions."""
    from empfehlungen.versionen import versionen
    from stammdaten.freigabeobjekt import Freigabestatus as F
    from stammdaten.freigabeobjekt import alle_einverstanden
    from stammdaten.workflow import moegliche_uebergaenge, verlauf

    user = request.user
    bereiche = objekt.bereiche()
    antworten = objekt.antworten()
    entscheidungen = {
        f.bereich_id: f
        for f in objekt.freigaben.filter(fassung=objekt.fassung).select_related(
            "user", "in_vertretung_fuer"
        )
    }
    zeilen = [(b, antworten.get(b.pk), entscheidungen.get(b.pk)) for b in bereiche]
    meine = [b for b in bereiche if b.pk in user.bereich_rollen]
    abstimmung_form = None
    if objekt.status == F.IN_ABSTIMMUNG and meine:
        abstimmung_form = AbstimmungForm(initial={"stand": objekt.stand, "bereich": meine[0].pk})
        abstimmung_form.fields["bereich"].queryset = Bereich.objects.filter(
            pk__in=[b.pk for b in meine]
        )
    abgelehnt = None
    if objekt.status == F.ENTWURF and objekt.fassung > 1:
        abgelehnt = (
            objekt.freigaben.filter(fassung=objekt.fassung - 1, entscheidung="abgelehnt")
            .select_related("bereich", "user", "in_vertretung_fuer")
            .first()
        )
    return {
        "zeilen": zeilen,
        "schritte": moegliche_uebergaenge(objekt, user),
        "darf_steuern": user.has_perm("freigabe.steuern"),
        "einverstanden": objekt.status == F.IN_ABSTIMMUNG and alle_einverstanden(objekt),
        "abstimmung_form": abstimmung_form,
        "darf_entscheiden": objekt.status == F.ZUR_FREIGABE
        and bool(_offene_bereiche(user, objekt)),
        "abgelehnt": abgelehnt,
        "verlauf": verlauf(objekt),
        "versionen": versionen(objekt),
        "typ": freigabe.typ(objekt),
    }
