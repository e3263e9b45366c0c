from django import forms

from core.forms import DatumInput


class VerknuepfenForm(forms.Form):
    oparl_url = forms.URLField(
        assume_scheme="https",
        label="OParl-Adresse der Drucksache",
        required=False,
        max_length=500,
        help_text="Die Adresse des OParl-Objekts „Paper“ im Ratsinformationssystem; Nummer, "
        "Datum und Beschluss werden von dort geholt.",
    )
    nummer = forms.CharField(label="oder von Hand: Drucksachen-Nr.", required=False, max_length=100)
    datum = forms.DateField(label="Datum", required=False, widget=DatumInput())
    web = forms.URLField(
        label="Link zur Drucksache", required=False, max_length=500, assume_scheme="https"
    )
