from django import forms

from core.forms import DatumInput, ImportForm
from core.workflow import WorkflowError
from empfehlungen.models import Anregung, Handlungsempfehlung, Statistikpruefung, Veranstaltung
from empfehlungen.selectors import anregung_aus_nummer
from freigabe.forms import VorgangForm
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Handlungsfeld, Sozialraum


class VeranstaltungForm(forms.ModelForm):
    class Meta:
        model = Veranstaltung
        fields = [
            "titel",
            "sozialraum",
            "datum",
            "runde",
            "format",
            "teilnehmende",
            "institutionen",
            "notizen",
        ]
        widgets = {
            "datum": DatumInput(),
            "institutionen": forms.Textarea(attrs={"rows": 4}),
            "notizen": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sozialraum"].empty_label = "stadtweit"


class AnregungForm(forms.Form):
    """Quick entry: Veranstaltung and Sozialraum stay selected for the next card."""

    text = forms.CharField(
        label="Text der Anregung", widget=forms.Textarea(attrs={"rows": 3, "autofocus": True})
    )
    veranstaltung = forms.ModelChoiceField(
        label="Veranstaltung",
        required=False,
        empty_label="– keine (andere Quelle) –",
        queryset=Veranstaltung.objects.select_related("sozialraum"),
    )
    quelle = forms.CharField(
        label="andere Quelle",
        required=False,
        max_length=200,
        help_text="Nur ohne Veranstaltung, z. B. „E-Mail eines Trägers“.",
    )
    sozialraum = forms.ModelChoiceField(
        label="Sozialraum",
        required=False,
        empty_label="stadtweit",
        queryset=Sozialraum.objects.filter(aktiv=True),
    )
    handlungsfeld = forms.ModelChoiceField(
        label="Handlungsfeld",
        required=False,
        empty_label="– noch offen –",
        queryset=Handlungsfeld.objects.filter(aktiv=True),
    )
    zielgruppe = forms.CharField(label="Zielgruppe", required=False, max_length=200)


STATUS_AUSWAHL = [("", "alle"), ("offen", "offen (nicht abgeschlossen)"), *Anregung.Status.choices]


class FilterForm(forms.Form):
    """The queue's filters (GET); invalid values are reported and ignored."""

    suche = forms.CharField(
        label="Suche", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_AUSWAHL)
    sozialraum = forms.ChoiceField(label="Sozialraum", required=False)
    handlungsfeld = forms.ChoiceField(label="Handlungsfeld", required=False)
    veranstaltung = forms.ChoiceField(label="Veranstaltung", required=False)
    mir = forms.BooleanField(label="nur mir zugewiesen", required=False)

    def __init__(self, data, *, veranstaltungen):
        super().__init__(data)
        self.fields["sozialraum"].choices = [("", "alle"), ("stadtweit", "stadtweit")] + [
            (str(r.pk), r.name) for r in Sozialraum.objects.filter(aktiv=True)
        ]
        self.fields["handlungsfeld"].choices = [("", "alle"), ("ohne", "– noch offen –")] + [
            (str(h.pk), h.name) for h in Handlungsfeld.objects.all()
        ]
        self.fields["veranstaltung"].choices = [("", "alle")] + [
            (str(v.pk), str(v)) for v in veranstaltungen
        ]

    def werte(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}


class SammelForm(forms.Form):
    AKTIONEN = [
        ("zuweisen", "Mir zuweisen"),
        ("handlungsfeld", "Handlungsfeld setzen"),
        ("dublette", "Als Dublette markieren von …"),
    ]
    auswahl = forms.ModelMultipleChoiceField(queryset=Anregung.objects.all(), required=False)
    aktion = forms.ChoiceField(label="Aktion für die Auswahl", choices=AKTIONEN)
    handlungsfeld = forms.ModelChoiceField(
        label="Handlungsfeld",
        required=False,
        queryset=Handlungsfeld.objects.all(),
        empty_label="– nur für „Handlungsfeld setzen“ –",
    )
    original = forms.CharField(label="Original (Nummer, z. B. A-17)", required=False)

    def clean_original(self):
        if not (self.cleaned_data.get("original") or "").strip():
            return None
        try:
            return anregung_aus_nummer(self.cleaned_data["original"])
        except WorkflowError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean(self):
        daten = super().clean()
        if not daten.get("auswahl"):
            raise forms.ValidationError("Bitte mindestens eine Anregung auswählen.")
        if daten.get("aktion") == "handlungsfeld" and not daten.get("handlungsfeld"):
            self.add_error("handlungsfeld", "Bitte ein Handlungsfeld wählen.")
        if (
            daten.get("aktion") == "dublette"
            and not daten.get("original")
            and "original" not in self.errors
        ):
            self.add_error("original", "Bitte die Nummer des Originals angeben.")
        return daten


class StatistikpruefungForm(forms.Form):
    kennzahlen = forms.MultipleChoiceField(
        label="Kennzahlen, auf die sich die Prüfung stützt", widget=forms.CheckboxSelectMultiple
    )
    ergebnis = forms.ChoiceField(
        label="Ergebnis", choices=Statistikpruefung.Ergebnis.choices, widget=forms.RadioSelect
    )
    begruendung = forms.CharField(label="Begründung", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, zeilen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kennzahlen"].choices = [(str(z.kennzahl.pk), z.kennzahl.name) for z in zeilen]
        if not self.is_bound:
            self.initial["kennzahlen"] = [str(z.kennzahl.pk) for z in zeilen if z.auffaellig]


class EmpfehlungForm(VorgangForm):
    class Meta:
        model = Handlungsempfehlung
        fields = [
            "titel",
            "text",
            "begruendung",
            "art",
            "steckbrief",
            "handlungsfeld",
            "stadtweit",
            "sozialraeume",
            "federfuehrung",
            "beteiligte",
            "prioritaet",
            "zeithorizont",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "begruendung": forms.Textarea(attrs={"rows": 4}),
            "sozialraeume": forms.CheckboxSelectMultiple,
            "beteiligte": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "stadtweit": "Stadtweite Empfehlungen erhalten Nummern STADT-…; sonst zählt der erste "
            "gewählte Sozialraum (z. B. OST-07). Die Nummer bleibt danach fest.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a befristet offer can be extended or made permanent.
        self.fields["steckbrief"].queryset = Massnahmensteckbrief.objects.filter(befristet=True)
        self.fields["steckbrief"].empty_label = "– keiner –"
        self.fields[
            "steckbrief"
        ].help_text = "Nur bei Verlängerung oder Verstetigung: das befristete Angebot."


class SchrittForm(forms.Form):
    """One research step on an Anregung (POST); which fields matter depends on the step."""

    kommentar = forms.CharField(
        label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    grund = forms.CharField(
        label="Begründung", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    steckbrief = forms.IntegerField(required=False)
    empfehlung = forms.IntegerField(required=False)
    original = forms.CharField(label="Original (Nummer, z. B. A-17)", required=False)


class AnregungImportForm(ImportForm):
    veranstaltung = forms.ModelChoiceField(
        label="Veranstaltung",
        queryset=Veranstaltung.objects.select_related("sozialraum"),
        required=False,
        empty_label="– keine (Quelle steht in der Datei) –",
        help_text="Die Karten dieser Veranstaltung; Zeilen ohne Sozialraum erhalten ihren Sozialraum.",
    )
