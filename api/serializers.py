"""What the API says about each object. The public fields are those of the open-data
downloads (transparenz.daten), under the same names; a test holds them equal."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from controlling.models import Sachstandsmeldung, Umsetzungsstatus
from empfehlungen.models import Handlungsempfehlung
from massnahmen.models import Massnahmensteckbrief
from strategiepapier.models import Strategiepapier
from transparenz.daten import zeitpunkt
from transparenz.models import OeffentlicherEintrag, Umsetzungsstand


def absolut(pfad: str) -> str:
    return settings.SITE_URL + pfad


class Zeitpunkt(serializers.DateTimeField):
    """To the second, in the city's time zone – as the open-data downloads write it."""

    def to_representation(self, value):
        return zeitpunkt(value)


class Verlaufsschritt(serializers.Serializer):
    datum = serializers.DateField()
    ereignis = serializers.CharField()


class Veranstaltung(serializers.Serializer):
    datum = serializers.DateField()
    titel = serializers.CharField()
    format = serializers.CharField()
    sozialraum = serializers.CharField()
    teilnehmende = serializers.IntegerField(allow_null=True)


class Papierverweis(serializers.Serializer):
    sozialraum = serializers.CharField()
    ausgabe = serializers.IntegerField()


class Ratsvorlage(serializers.Serializer):
    nummer = serializers.CharField()
    titel = serializers.CharField()
    datum = serializers.DateField(allow_null=True)
    art = serializers.CharField()
    web = serializers.URLField(allow_blank=True)
    beschluss = serializers.CharField()
    beschluss_am = serializers.DateField(allow_null=True)
    gremium = serializers.CharField()


class Wirkungsziel(serializers.Serializer):
    indikator = serializers.CharField()
    art = serializers.CharField(help_text="Leistung, Wirkung oder gesellschaftliche Wirkung")
    quelle = serializers.CharField()
    gebiet = serializers.CharField(help_text="Gebiet der Kennzahl; leer bei eigenen Indikatoren")
    einheit = serializers.CharField()
    ausgang = serializers.CharField(help_text="Ausgangswert (Jahr), deutsch formatiert")
    ziel = serializers.CharField(help_text="Zielwert (Jahr)")
    ist = serializers.CharField(help_text="neuester Istwert (Zeitraum)")
    zielerreichung = serializers.CharField()
    zustand = serializers.CharField(
        help_text="erreicht, auf Kurs, nicht auf Kurs, keine Daten, nicht vergleichbar, qualitativ"
    )
    gegen_stadt = serializers.CharField(help_text="Veränderung gegenüber der ganzen Stadt")


class Wirkungspruefung(serializers.Serializer):
    urteil = serializers.CharField()
    datum = serializers.DateField()
    begruendung = serializers.CharField()
    fassung = serializers.IntegerField()


class OeffentlicherEintragSerializer(serializers.ModelSerializer):
    id = serializers.CharField(
        source="kennung", help_text="Stabile Kennung (Nummer bzw. M-Nummer)."
    )
    beschreibung = serializers.CharField(source="text")
    sozialraeume = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    handlungsfeld = serializers.CharField(
        source="handlungsfeld.name", allow_null=True, default=None
    )
    federfuehrung = serializers.SerializerMethodField()
    umsetzungsstand = serializers.ChoiceField(choices=Umsetzungsstand.choices)
    sachstand_zum = serializers.CharField(source="sachstand_periode")
    anregungen = serializers.IntegerField(source="anzahl_anregungen")
    url = serializers.SerializerMethodField()
    verlauf = Verlaufsschritt(many=True)
    veranstaltungen = Veranstaltung(many=True)
    strategiepapiere = Papierverweis(many=True)
    ratsvorlagen = Ratsvorlage(many=True, read_only=True)
    wirkung = Wirkungsziel(many=True)
    wirkungsziele = serializers.SerializerMethodField()
    wirkungspruefung = serializers.SerializerMethodField()
    wirkungspruefungen = Wirkungspruefung(many=True)
    veroeffentlicht_am = Zeitpunkt()
    aktualisiert_am = Zeitpunkt()

    class Meta:
        model = OeffentlicherEintrag
        fields = [
            "id",
            "art",
            "titel",
            "beschreibung",
            "sozialraeume",
            "stadtweit",
            "handlungsfeld",
            "federfuehrung",
            "umsetzungsstand",
            "fortschritt",
            "sachstand",
            "sachstand_zum",
            "veroeffentlicht_am",
            "beginn",
            "ende",
            "anregungen",
            "fassung",
            "neue_fassung_in_arbeit",
            "aktualisiert_am",
            "url",
            "verlauf",
            "veranstaltungen",
            "strategiepapiere",
            "ratsvorlagen",
            "wirkungsziele",
            "wirkungspruefung",
            "wirkung",
            "wirkungspruefungen",
        ]

    def get_wirkungsziele(self, e) -> str:
        return "; ".join(f"{z['indikator']}: {z['zustand']}" for z in e.wirkung)

    def get_wirkungspruefung(self, e) -> str:
        return e.wirkungspruefungen[0]["urteil"] if e.wirkungspruefungen else ""

    def get_federfuehrung(self, e) -> str:
        return str(e.federfuehrung) if e.federfuehrung_id else ""

    def get_url(self, e) -> str:
        return absolut(e.get_absolute_url())


class OeffentlichesPapierSerializer(serializers.ModelSerializer):
    id = serializers.SerializerMethodField()
    sozialraum = serializers.CharField(source="sozialraum.name")
    eintraege = serializers.SerializerMethodField()
    sha256 = serializers.CharField(source="pdf_sha256")
    pdf = serializers.SerializerMethodField()
    html = serializers.SerializerMethodField()
    veroeffentlicht_am = Zeitpunkt()

    class Meta:
        model = Strategiepapier
        fields = [
            "id",
            "sozialraum",
            "ausgabe",
            "veroeffentlicht_am",
            "eintraege",
            "sha256",
            "pdf",
            "html",
        ]

    def get_id(self, p) -> str:
        return f"{p.sozialraum.kurzname}-{p.ausgabe}"

    def get_eintraege(self, p) -> int:
        return len(p.eintraege)

    def get_pdf(self, p) -> str:
        from django.urls import reverse

        return absolut(reverse("transparenz_papier_pdf", args=[p.pk]))

    def get_html(self, p) -> str:
        from django.urls import reverse

        return absolut(reverse("transparenz_papier", args=[p.pk]))


# --- For a signed-in person -----------------------------------------------------------------------
class _Vorgang(serializers.ModelSerializer):
    sozialraeume = serializers.SlugRelatedField(slug_field="kurzname", many=True, read_only=True)
    beteiligte = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    handlungsfeld = serializers.CharField(
        source="handlungsfeld.name", allow_null=True, default=None
    )
    federfuehrung = serializers.CharField(
        source="federfuehrung.code", allow_null=True, default=None
    )
    url = serializers.SerializerMethodField()

    def get_url(self, objekt) -> str:
        return absolut(objekt.get_absolute_url())


class EmpfehlungSerializer(_Vorgang):
    nummer = serializers.CharField()

    class Meta:
        model = Handlungsempfehlung
        fields = [
            "id", "nummer", "titel", "text", "begruendung", "status", "fassung", "art",
            "prioritaet", "zeithorizont", "stadtweit", "sozialraeume", "handlungsfeld",
            "federfuehrung", "beteiligte", "geaendert_am", "url",
        ]  # fmt: skip


class SteckbriefSerializer(_Vorgang):
    class Meta:
        model = Massnahmensteckbrief
        fields = [
            "id", "titel", "beschreibung", "ziele", "zielgruppe", "traeger", "status", "fassung",
            "befristet", "laufzeit_von", "laufzeit_bis", "stadtweit", "sozialraeume",
            "handlungsfeld", "federfuehrung", "beteiligte", "geaendert_am", "url",
        ]  # fmt: skip


class SachstandsmeldungSerializer(serializers.ModelSerializer):
    periode = serializers.CharField(source="periode.kurz")
    frist = serializers.DateField(source="periode.frist")
    bereich = serializers.CharField(source="bereich.code")
    gegenstand = serializers.SerializerMethodField()
    bearbeitbar = serializers.BooleanField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Sachstandsmeldung
        fields = [
            "id", "periode", "frist", "bereich", "nummer", "titel", "gegenstand", "status",
            "bearbeitbar", "version", "umsetzungsstatus", "ampel", "fortschritt", "sachstand",
            "naechste_schritte", "hindernisse", "laufzeit_bis", "befristet", "finanzierung",
            "rueckgabe_grund", "eingereicht_am", "geprueft_am", "url",
        ]  # fmt: skip

    def get_gegenstand(self, m) -> dict:
        if m.empfehlung_id:
            return {"art": "empfehlung", "id": m.empfehlung_id}
        return {"art": "steckbrief", "id": m.steckbrief_id}

    def get_url(self, m) -> str:
        from django.urls import reverse

        return absolut(reverse("meldung_detail", args=[m.pk]))


class SachstandEingabeSerializer(serializers.Serializer):
    """What a Bereich's system sends: the same fields as the form, the version it read, and
    whether to submit. The rules of a Meldung are the service's (as for the form)."""

    version = serializers.IntegerField(
        min_value=0, help_text="Die `version` der gelesenen Meldung."
    )
    umsetzungsstatus = serializers.ChoiceField(choices=Umsetzungsstatus.choices)
    fortschritt = serializers.IntegerField(
        min_value=0, max_value=100, allow_null=True, required=False
    )
    # Required as in the form: a Sachstand without text is no report.
    sachstand = serializers.CharField()
    naechste_schritte = serializers.CharField(allow_blank=True, required=False, default="")
    hindernisse = serializers.CharField(allow_blank=True, required=False, default="")
    laufzeit_bis = serializers.DateField(allow_null=True, required=False, default=None)
    befristet = serializers.BooleanField(required=False, default=False)
    finanzierung = serializers.CharField(allow_blank=True, required=False, default="")
    einreichen = serializers.BooleanField(
        required=False, default=False, help_text="true: einreichen; false: als Entwurf speichern."
    )
