"""core.formular.Renderer writes the common widgets in Python: byte for byte what Django's
widget templates write, for every kind of widget and for hostile values."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from core.forms import DatumInput
from core.formular import Renderer

SCHNELL = Renderer()
VORLAGEN = DjangoTemplates()

FEINDLICH = "<script>alert(\"x\")</script> & 'quote' ü €"


class Alles(forms.Form):
    text = forms.CharField(help_text="Hilfe", max_length=20)
    zahl = forms.IntegerField(required=False, min_value=0)
    dezimal = forms.DecimalField(required=False, decimal_places=2)
    mail = forms.EmailField(required=False)
    adresse = forms.URLField(required=False, assume_scheme="https")
    geheim = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    verborgen = forms.CharField(widget=forms.HiddenInput, required=False)
    datum = forms.DateField(widget=DatumInput, required=False)
    zeit = forms.DateTimeField(required=False)
    haken = forms.BooleanField(required=False)
    lang = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    wahl = forms.ChoiceField(choices=[("", "–"), ("a", FEINDLICH), (1, 1234), ("b", "B")])
    gruppen = forms.ChoiceField(
        choices=[("Gruppe <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")], required=False
    )
    mehrere = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B"), ("c", "C")], required=False
    )
    suche = forms.CharField(widget=forms.SearchInput(attrs={"placeholder": FEINDLICH}))
    farbe = forms.CharField(widget=forms.ColorInput, required=False)
    telefon = forms.CharField(widget=forms.TelInput, required=False)
    radio = forms.ChoiceField(widget=forms.RadioSelect, choices=[("a", "A")], required=False)


def _beide(feld, attrs=None) -> tuple[str, str]:
    feld.form.renderer = VORLAGEN
    langsam = feld.as_widget(attrs=attrs)
    feld.form.renderer = SCHNELL
    schnell = feld.as_widget(attrs=attrs)
    return schnell, langsam


@pytest.mark.parametrize(
    "daten",
    [
        None,
        {},
        {
            "text": FEINDLICH,
            "zahl": "-1",
            "dezimal": "1234567,891",
            "mail": "kein@",
            "adresse": 'javascript:"',
            "geheim": FEINDLICH,
            "verborgen": "\x00\n",
            "datum": "31.02.2026",
            "zeit": "2026-12-01 10:00",
            "haken": "on",
            "lang": FEINDLICH + "\n\n" + "x" * 5000,
            "wahl": "1",
            "gruppen": "y",
            "mehrere": ["a", "c", "<b>"],
            "suche": mark_safe("<b>sicher</b>"),  # a safe value stays unescaped
            "farbe": "#ff0000",
            "telefon": "0208 825-0",
            "radio": "a",
        },
    ],
)
def test_jedes_widget_wie_die_vorlage(daten):
    initial = {
        "text": "Anfang",
        "zahl": 1234567,
        "dezimal": Decimal("1234.50"),
        "datum": datetime.date(2026, 12, 1),
        "zeit": datetime.datetime(2026, 12, 1, 10, 30, tzinfo=datetime.UTC),
        "haken": True,
        "wahl": 1,
        "mehrere": ["b"],
    }
    form = Alles(daten, initial=initial) if daten is not None else Alles(initial=initial)
    form.is_valid() if daten is not None else None
    for feld in form:
        for attrs in (None, {"aria-describedby": "x_hilfe", "disabled": True, "hidden": False}):
            schnell, langsam = _beide(feld, attrs)
            assert schnell == langsam, feld.name


def test_felder_der_anwendung_wie_die_vorlage(db):
    """Every form of the application that can be built without arguments."""
    from core.forms import ImportForm
    from empfehlungen.forms import AnregungForm, FilterForm, SammelForm
    from empfehlungen.models import Veranstaltung

    veranstaltungen = list(Veranstaltung.objects.all())
    assert veranstaltungen  # the demo master data of the test database
    geprueft = 0
    for form in (
        ImportForm(),
        AnregungForm(),
        AnregungForm({"text": FEINDLICH, "sozialraum": "999"}),
        FilterForm({"status": "neu", "suche": FEINDLICH}, veranstaltungen=veranstaltungen),
        SammelForm({"aktion": "dublette"}),
    ):
        form.is_valid()
        for feld in form:
            schnell, langsam = _beide(feld)
            assert schnell == langsam, feld.name
            geprueft += 1
    assert geprueft > 15


def test_nur_bekannte_vorlagen_in_python():
    """Radio lists and file inputs keep their templates; an option with its own template too."""
    form = Alles()
    schnell, langsam = _beide(form["radio"])
    assert schnell == langsam
    assert 'type="radio"' in schnell

    class EigeneOption(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    class F(forms.Form):
        w = forms.ChoiceField(choices=[("a", "A")], widget=EigeneOption)

    schnell, langsam = _beide(F()["w"])
    assert schnell == langsam
