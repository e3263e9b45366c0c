from django import forms
from django.utils import timezone

from stammdaten.models import Sozialraum


class NeuForm(forms.Form):
    sozialraum = forms.ModelChoiceField(Sozialraum.objects.filter(aktiv=True), label="Sozialraum")
    ausgabe = forms.IntegerField(label="Ausgabe (Jahr)", min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ausgabe"].initial = timezone.localdate().year
