from django import forms

from core.forms import DatumInput
from freigabe.forms import VorgangForm
from massnahmen.models import Massnahmensteckbrief


class SteckbriefForm(VorgangForm):
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
        labels = {"federfuehrung": "verantwortlicher Bereich"}
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
