from django import forms

from stammdaten.models import Bereich, Handlungsfeld, Sozialraum
from transparenz.models import Umsetzungsstand


class Filter(forms.Form):
    suche = forms.CharField(label="Suche", required=False, max_length=200)
    sozialraum = forms.ModelChoiceField(
        label="Sozialraum",
        queryset=Sozialraum.objects.filter(aktiv=True),
        to_field_name="kurzname",
        required=False,
        empty_label="alle",
    )
    handlungsfeld = forms.ModelChoiceField(
        label="Handlungsfeld",
        queryset=Handlungsfeld.objects.all(),
        required=False,
        empty_label="alle",
    )
    bereich = forms.ModelChoiceField(
        label="Bereich",
        queryset=Bereich.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="alle",
    )
    umsetzungsstand = forms.ChoiceField(
        label="Umsetzungsstand",
        choices=[("", "alle"), *Umsetzungsstand.choices],
        required=False,
    )
