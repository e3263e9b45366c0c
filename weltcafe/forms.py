from django import forms
from django.conf import settings

from core.forms import ImportForm
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich, Handlungsfeld
from weltcafe.models import Karte, Liverunde, Themeninsel


class ThemeninselForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=200)
    handlungsfeld = forms.ModelChoiceField(
        label="Handlungsfeld", queryset=Handlungsfeld.objects.filter(aktiv=True), required=False
    )
    bereiche = forms.ModelMultipleChoiceField(
        label="vorstellende Bereiche",
        queryset=Bereich.objects.all(),
        required=False,
        help_text="Der erste gewählte Bereich wird federführend für neue Angebote.",
    )
    steckbriefe = forms.ModelMultipleChoiceField(
        label="gezeigte Angebote (Maßnahmensteckbriefe)",
        queryset=Massnahmensteckbrief.objects.order_by("titel"),
        required=False,
    )
    neue_angebote = forms.CharField(
        label="noch nicht erfasste Angebote",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ein Angebot je Zeile; für jedes entsteht ein Steckbrief-Entwurf.",
    )


class KartenForm(forms.Form):
    art = forms.ChoiceField(label="Art", choices=Karte.Art.choices)
    themeninsel = forms.ModelChoiceField(
        label="Themeninsel", queryset=Themeninsel.objects.none(), required=False
    )
    texte = forms.CharField(
        label="Karten",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Eine Karte je Zeile.",
    )

    def __init__(self, *args, veranstaltung, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themeninsel"].queryset = veranstaltung.themeninseln.all()


class KarteForm(forms.Form):
    """One card corrected: kind, island, the offer it speaks of, and its text."""

    art = forms.ChoiceField(label="Art", choices=Karte.Art.choices)
    themeninsel = forms.ModelChoiceField(
        label="Themeninsel", queryset=Themeninsel.objects.none(), required=False
    )
    steckbrief = forms.ModelChoiceField(
        label="Angebot",
        queryset=Massnahmensteckbrief.objects.none(),
        required=False,
        help_text="Nur Angebote, die an der gewählten Themeninsel standen.",
    )
    text = forms.CharField(label="Text", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, veranstaltung, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themeninsel"].queryset = veranstaltung.themeninseln.all()
        self.fields["steckbrief"].queryset = (
            Massnahmensteckbrief.objects.filter(abfragen__themeninsel__veranstaltung=veranstaltung)
            .distinct()
            .order_by("titel")
        )


class WoerterForm(forms.Form):
    woerter = forms.CharField(
        label="Rückmeldungen",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Eine Rückmeldung (ein oder zwei Worte) je Zeile, optional mit Anzahl: "
        "„informativ; 5“.",
    )


class WeltcafeImportForm(ImportForm):
    inhalt = forms.ChoiceField(
        label="Inhalt der Datei",
        choices=[
            ("punkte", "Punkte (Spalten: Themeninsel, Angebot, ja, nein)"),
            ("karten", "Karten (Spalten: Art, Text, Themeninsel, Angebot)"),
        ],
        widget=forms.RadioSelect,
    )


class LiverundeForm(forms.Form):
    art = forms.ChoiceField(label="Art der Frage", choices=Liverunde.Art.choices)
    frage = forms.CharField(
        label="Frage",
        max_length=200,
        required=False,
        help_text="Leer lassen für die übliche Frage dieser Art.",
    )
    themeninsel = forms.ModelChoiceField(
        label="Themeninsel",
        queryset=Themeninsel.objects.none(),
        required=False,
        empty_label="alle Themeninseln",
        help_text="„Kennen Sie das Angebot?“: die Angebote dieser Insel; Karten: an dieser "
        "Insel geschrieben.",
    )
    karten_art = forms.ChoiceField(
        label="Art der Karten",
        choices=[("", "–"), *Karte.Art.choices],
        required=False,
        help_text="Nur für Karten.",
    )
    endet_um = forms.DateTimeField(
        label="schließt automatisch um",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Leer: bleibt offen, bis Sie sie schließen.",
    )
    antworten_je_geraet = forms.IntegerField(
        label="Antworten je Gerät und Frage",
        min_value=1,
        max_value=10,
        initial=1,
    )

    def __init__(self, *args, veranstaltung, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themeninsel"].queryset = veranstaltung.themeninseln.all()
        self.fields["antworten_je_geraet"].initial = settings.LIVE_ANTWORTEN_JE_GERAET


class SperrwoerterForm(forms.Form):
    woerter = forms.CharField(
        label="Sperrwörter",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Ein Wort je Zeile. Antworten, in denen ein Wort so beginnt, bleiben "
        "verborgen, bis Sie sie in der Moderation freigeben (groß/klein egal).",
    )
