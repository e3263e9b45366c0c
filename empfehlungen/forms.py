from django import forms

from empfehlungen.models import Anregung, Handlungsempfehlung, Statistikpruefung, Veranstaltung
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich, Handlungsfeld, Sozialraum


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


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

    def clean(self):
        daten = super().clean()
        if not daten.get("veranstaltung") and not (daten.get("quelle") or "").strip():
            self.add_error("quelle", "Bitte eine Veranstaltung wählen oder die Quelle angeben.")
        return daten


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
        from empfehlungen.selectors import anregung_aus_nummer
        from stammdaten.workflow import WorkflowError

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


class EmpfehlungForm(forms.ModelForm):
    # The version the user started from: a save over someone else's change is refused.
    stand = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def inhalt(self) -> dict:
        """The content fields for the services, without the version guard."""
        return {k: v for k, v in self.cleaned_data.items() if k != "stand"}

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
        if self.instance.pk:
            # Editing needs the stand the user started from: without it a save could
            # overwrite someone else's change unnoticed.
            self.fields["stand"].required = True
            if not self.is_bound:
                self.initial["stand"] = self.instance.stand
        self.fields["beteiligte"].queryset = Bereich.objects.filter(aktiv=True)
        self.fields["federfuehrung"].queryset = Bereich.objects.filter(aktiv=True)
        self.fields["sozialraeume"].queryset = Sozialraum.objects.filter(aktiv=True)
        # Only a befristet offer can be extended or made permanent.
        self.fields["steckbrief"].queryset = Massnahmensteckbrief.objects.filter(befristet=True)
        self.fields["steckbrief"].empty_label = "– keiner –"
        self.fields[
            "steckbrief"
        ].help_text = "Nur bei Verlängerung oder Verstetigung: das befristete Angebot."

    def clean(self):
        daten = super().clean()
        if not daten.get("stadtweit") and not daten.get("sozialraeume"):
            self.add_error("sozialraeume", "Bitte Sozialräume wählen oder „stadtweit“ ankreuzen.")
        if daten.get("art") in Handlungsempfehlung.ARTEN_BESTAND and not daten.get("steckbrief"):
            self.add_error(
                "steckbrief",
                "Eine Verlängerung oder Verstetigung braucht den "
                "Maßnahmensteckbrief des bestehenden Angebots.",
            )
        return daten


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
