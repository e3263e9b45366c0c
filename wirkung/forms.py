from django import forms

from core.forms import DatumInput
from stammdaten.models import Kennzahl, Sozialquartier, Sozialraum
from wirkung.models import Wirkungspruefung, Wirkungsziel


class DezimalFeld(forms.CharField):
    """A number as typed in Germany ("1.234,5"); the service reads it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value):
        from wirkung.services import wert_lesen

        text = super().clean(value)
        if not text:
            return None
        wert, fehler = wert_lesen(text, "Zahl")
        if fehler:
            raise forms.ValidationError(fehler)
        return wert


class ZielForm(forms.Form):
    quelle = forms.ChoiceField(label="Quelle des Indikators", choices=Wirkungsziel.Quelle.choices)
    bezeichnung = forms.CharField(
        label="Indikator",
        max_length=200,
        required=False,
        help_text="Bei Kennzahlen leer lassen: dann ihr Name.",
    )
    art = forms.ChoiceField(label="Art", choices=Wirkungsziel.Art.choices)
    kennzahl = forms.ModelChoiceField(
        label="Kennzahl", queryset=Kennzahl.objects.all(), required=False
    )
    sozialraum = forms.ModelChoiceField(
        label="Sozialraum (Kennzahl)", queryset=Sozialraum.objects.none(), required=False
    )
    sozialquartier = forms.ModelChoiceField(
        label="oder Sozialquartier (Kennzahl)",
        queryset=Sozialquartier.objects.none(),
        required=False,
    )
    einheit = forms.CharField(label="Einheit (eigener Indikator)", max_length=50, required=False)
    richtung = forms.ChoiceField(
        label="gewünschte Richtung",
        choices=[("", "– (bei Kennzahlen aus ihrer Wertung)"), *Wirkungsziel.Richtung.choices],
        required=False,
    )
    basis_jahr = forms.IntegerField(
        label="Ausgangsjahr", required=False, min_value=1990, max_value=2100
    )
    basis_wert = DezimalFeld(
        label="Ausgangswert", help_text="Bei Kennzahlen leer lassen: der Wert des Ausgangsjahrs."
    )
    ziel_jahr = forms.IntegerField(label="Zieljahr", required=False, min_value=1990, max_value=2100)
    ziel_wert = DezimalFeld(label="Zielwert")
    beschreibung = forms.CharField(
        label="Beschreibung", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    pruefung_am = forms.DateField(label="Wirkungsprüfung am", required=False, widget=DatumInput())

    def __init__(self, *args, gegenstand, **kwargs):
        super().__init__(*args, **kwargs)
        raeume = Sozialraum.objects.all() if gegenstand.stadtweit else gegenstand.sozialraeume.all()
        self.fields["sozialraum"].queryset = raeume
        self.fields["sozialraum"].empty_label = (
            "Stadt gesamt" if gegenstand.stadtweit else "– bitte wählen –"
        )
        self.fields["sozialquartier"].queryset = Sozialquartier.objects.filter(
            sozialraum__in=raeume
        ).select_related("sozialraum")


class IstwertForm(forms.Form):
    jahr = forms.IntegerField(label="Jahr", min_value=1990, max_value=2100)
    quartal = forms.TypedChoiceField(
        label="Quartal",
        choices=[("", "ganzes Jahr"), *((str(q), f"{q}. Quartal") for q in range(1, 5))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    wert = DezimalFeld(label="Wert", required=True)
    herkunft = forms.CharField(
        label="Herkunft",
        max_length=200,
        required=False,
        help_text="z. B. Jahresstatistik des Trägers",
    )


class PruefungForm(forms.Form):
    urteil = forms.ChoiceField(
        label="Urteil", choices=Wirkungspruefung.Urteil.choices, widget=forms.RadioSelect
    )
    begruendung = forms.CharField(
        label="Begründung", widget=forms.Textarea(attrs={"rows": 5}), max_length=5_000
    )
    neue_anregung = forms.BooleanField(
        label="Bei „nicht wirksam“: als neue Anregung für den nächsten Expert*innendialog "
        "aufnehmen",
        required=False,
    )
