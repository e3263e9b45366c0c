from django import forms

from empfehlungen.forms import DatumInput
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich, Sozialraum


class SteckbriefForm(forms.ModelForm):
    # The version the user started from: a save over someone else's change is refused.
    stand = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def inhalt(self) -> dict:
        """The content fields for the services, without the version guard."""
        return {k: v for k, v in self.cleaned_data.items() if k != "stand"}

    class Meta:
        model = Massnahmensteckbrief
        fields = [
            "titel",
            "beschreibung",
            "ziele",
            "zielgruppe",
            "handlungsfeld",
            "federfuehrung",
            "traeger",
            "beteiligte",
            "stadtweit",
            "sozialraeume",
            "laufzeit_von",
            "laufzeit_bis",
            "befristet",
            "finanzierung",
            "kontakt",
            "umsetzungsstand",
            "indikatoren",
            "links",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 4}),
            "ziele": forms.Textarea(attrs={"rows": 3}),
            "finanzierung": forms.Textarea(attrs={"rows": 2}),
            "umsetzungsstand": forms.Textarea(attrs={"rows": 3}),
            "indikatoren": forms.Textarea(attrs={"rows": 2}),
            "links": forms.Textarea(attrs={"rows": 2}),
            "beteiligte": forms.CheckboxSelectMultiple,
            "sozialraeume": forms.CheckboxSelectMultiple,
            "laufzeit_von": DatumInput(),
            "laufzeit_bis": DatumInput(),
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

    def clean(self):
        daten = super().clean()
        if not daten.get("federfuehrung") and not (daten.get("traeger") or "").strip():
            self.add_error(
                "federfuehrung",
                "Bitte den verantwortlichen Bereich oder einen externen Träger angeben.",
            )
        if daten.get("befristet") and not daten.get("laufzeit_bis"):
            self.add_error("laufzeit_bis", "Ein befristetes Angebot braucht ein Laufzeitende.")
        if not daten.get("stadtweit") and not daten.get("sozialraeume"):
            self.add_error("sozialraeume", "Bitte Sozialräume wählen oder „stadtweit“ ankreuzen.")
        links = [z.strip() for z in (daten.get("links") or "").splitlines() if z.strip()]
        falsch = [z for z in links if not z.startswith(("https://", "http://"))]
        if falsch:
            self.add_error("links", f"Keine gültige Adresse: {falsch[0]} (beginnt mit https://).")
        return daten
