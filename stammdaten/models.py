from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.texte import EINZEILIG, TEXT


class User(AbstractUser):
    """A person who signs in. City-wide roles are flags; Bereich roles are Mitgliedschaften."""

    funktion = models.CharField(
        "Funktion",
        max_length=200,
        blank=True,
        help_text="z. B. Sozialplaner*in, Bereichsleitung",
        validators=[EINZEILIG],
    )
    ist_sozialplanung = models.BooleanField(
        "Sozialplanung",
        default=False,
        help_text="Darf den ganzen Prozess bearbeiten: Veranstaltungen, Recherche, Entwürfe, "
        "Veröffentlichung, Controlling.",
    )
    ist_lesend = models.BooleanField(
        "Lesend", default=False, help_text="Darf Veröffentlichtes und Berichte lesen."
    )
    # Signs in through the city's directory: roles and memberships follow its groups at every
    # sign-in (stammdaten/verzeichnis.py); there is no local password.
    aus_verzeichnis = models.BooleanField("aus dem Verzeichnis", default=False, editable=False)

    class Meta:
        verbose_name = "Benutzer*in"
        verbose_name_plural = "Benutzer*innen"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def bereich_rollen(self) -> dict[int, str]:
        """Bereich id -> role, loaded once per request (the user object lives per request)."""
        return dict(self.mitgliedschaften.values_list("bereich_id", "rolle"))

    @cached_property
    def vertretungen_heute(self) -> dict[int, "User"]:
        """Bereich id -> the Leitung this user stands in for today."""
        return {
            v.bereich_id: v.vertretene
            for v in Vertretung.objects.gueltig()
            .filter(vertretung=self)
            .select_related("vertretene")
        }

    @cached_property
    def mitgliedschaften_mit_bereich(self) -> list["Mitgliedschaft"]:
        return list(self.mitgliedschaften.select_related("bereich").order_by("bereich__code"))

    def rollen_beschreibung(self) -> list[str]:
        rollen = []
        if self.ist_sozialplanung:
            rollen.append("Sozialplanung")
        for m in self.mitgliedschaften_mit_bereich:
            rollen.append(f"{m.get_rolle_display()} in {m.bereich}")
        if self.ist_lesend:
            rollen.append("Lesend")
        if self.is_superuser:
            rollen.append("Administration")
        return rollen


class Bereich(models.Model):
    class Art(models.TextChoices):
        STADTVERWALTUNG = "stadtverwaltung", "Stadtverwaltung"
        EXTERN = "extern", "Externer Partner"

    code = models.CharField(
        "Kürzel",
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9-]*$",
                "Nur Buchstaben, Ziffern und Bindestriche, z. B. „3-1“ oder „JC“.",
            )
        ],
        help_text="z. B. 3-1; für externe Partner ein eigenes Kürzel wie JC.",
    )
    name = models.CharField("Name", max_length=200, validators=[EINZEILIG])
    art = models.CharField("Art", max_length=20, choices=Art.choices, default=Art.STADTVERWALTUNG)
    email = models.EmailField(
        "Funktionspostfach", blank=True, help_text="Eine Funktionsadresse, keine private Person."
    )
    aktiv = models.BooleanField("aktiv", default=True)

    class Meta:
        verbose_name = "Bereich"
        verbose_name_plural = "Bereiche"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Mitgliedschaft(models.Model):
    class Rolle(models.TextChoices):
        MITARBEIT = "mitarbeit", "Mitarbeit"
        LEITUNG = "leitung", "Leitung"

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="mitgliedschaften", verbose_name="Person"
    )
    bereich = models.ForeignKey(
        Bereich, on_delete=models.CASCADE, related_name="mitgliedschaften", verbose_name="Bereich"
    )
    rolle = models.CharField("Rolle", max_length=20, choices=Rolle.choices, default=Rolle.MITARBEIT)

    class Meta:
        verbose_name = "Mitgliedschaft"
        verbose_name_plural = "Mitgliedschaften"
        ordering = ["bereich__code", "-rolle", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "bereich"],
                name="mitgliedschaft_einmal_je_bereich",
                violation_error_message="Diese Person gehört dem Bereich bereits an.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_rolle_display()} in {self.bereich.code}"


class Sozialraum(models.Model):
    name = models.CharField("Name", max_length=100, unique=True, validators=[EINZEILIG])
    kurzname = models.CharField(
        "Kürzel",
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9]+$", "Nur Großbuchstaben und Ziffern, z. B. „OST“.")],
        help_text="Großbuchstaben, z. B. OST; Teil der Empfehlungsnummern (OST-07).",
    )
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    aktiv = models.BooleanField("aktiv", default=True)
    zuschnitt_seit = models.PositiveSmallIntegerField(
        "neuer Zuschnitt seit",
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text="Jahr, ab dem die Grenzen geändert gelten: Werte davor sind mit späteren nicht "
        "vergleichbar (Wirkungsziele zeigen dann „nicht vergleichbar“).",
    )

    class Meta:
        verbose_name = "Sozialraum"
        verbose_name_plural = "Sozialräume"
        ordering = ["reihenfolge", "name"]

    def __str__(self) -> str:
        return self.name


class Sozialquartier(models.Model):
    name = models.CharField("Name", max_length=100, unique=True, validators=[EINZEILIG])
    sozialraum = models.ForeignKey(
        Sozialraum,
        on_delete=models.PROTECT,
        related_name="sozialquartiere",
        verbose_name="Sozialraum",
    )
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    aktiv = models.BooleanField("aktiv", default=True)
    zuschnitt_seit = models.PositiveSmallIntegerField(
        "neuer Zuschnitt seit",
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text="Jahr, ab dem die Grenzen geändert gelten: Werte davor sind mit späteren nicht "
        "vergleichbar (Wirkungsziele zeigen dann „nicht vergleichbar“).",
    )

    class Meta:
        verbose_name = "Sozialquartier"
        verbose_name_plural = "Sozialquartiere"
        ordering = ["sozialraum__reihenfolge", "reihenfolge", "name"]

    def __str__(self) -> str:
        return self.name


class Kennzahl(models.Model):
    class Richtung(models.TextChoices):
        HOEHER_SCHLECHTER = "hoeher", "Höherer Wert bedeutet mehr Unterstützungsbedarf"
        NIEDRIGER_SCHLECHTER = "niedriger", "Niedrigerer Wert bedeutet mehr Unterstützungsbedarf"
        NEUTRAL = "neutral", "Keine Wertung (z. B. Einwohnerzahl)"

    name = models.CharField("Name", max_length=200, unique=True, validators=[EINZEILIG])
    einheit = models.CharField(
        "Einheit", max_length=50, help_text="z. B. %, je 100 Personen", validators=[EINZEILIG]
    )
    definition = models.TextField("Definition", blank=True, validators=[TEXT])
    quelle = models.CharField("Quelle", max_length=200, blank=True, validators=[EINZEILIG])
    richtung = models.CharField(
        "Wertung", max_length=10, choices=Richtung.choices, default=Richtung.HOEHER_SCHLECHTER
    )
    im_sozialindex = models.BooleanField(
        "im Sozialindex",
        default=False,
        help_text="Geht in Status und Dynamik des Sozialindex ein (braucht eine Wertung).",
    )
    nachkommastellen = models.PositiveSmallIntegerField(
        "Nachkommastellen", default=1, validators=[MaxValueValidator(4)]
    )
    vergleichbar_ab = models.PositiveSmallIntegerField(
        "vergleichbar ab",
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text="Jahr, ab dem eine geänderte Definition gilt: Werte davor sind mit späteren "
        "nicht vergleichbar (Wirkungsziele zeigen dann „nicht vergleichbar“).",
    )
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Kennzahl"
        verbose_name_plural = "Kennzahlen"
        ordering = ["reihenfolge", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(im_sozialindex=True, richtung="neutral"),
                name="sozialindex_kennzahl_hat_wertung",
                violation_error_message="Eine Kennzahl im Sozialindex braucht eine Wertung "
                "(höher oder niedriger bedeutet mehr Bedarf).",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def hoeher_ist_schlechter(self) -> bool:
        return self.richtung == self.Richtung.HOEHER_SCHLECHTER

    @property
    def vorzeichen(self) -> int:
        """+1 when a higher value means a better situation; the Sozialindex flips the others."""
        return -1 if self.richtung == self.Richtung.HOEHER_SCHLECHTER else 1


class Kennzahlwert(models.Model):
    """One figure: for a Sozialquartier, a Sozialraum, or (neither set) the whole city."""

    class Ebene(models.TextChoices):
        STADT = "stadt", "Stadt"
        SOZIALRAUM = "sozialraum", "Sozialraum"
        SOZIALQUARTIER = "sozialquartier", "Sozialquartier"

    kennzahl = models.ForeignKey(
        Kennzahl, on_delete=models.CASCADE, related_name="werte", verbose_name="Kennzahl"
    )
    sozialquartier = models.ForeignKey(
        Sozialquartier,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kennzahlwerte",
        verbose_name="Sozialquartier",
    )
    sozialraum = models.ForeignKey(
        Sozialraum,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kennzahlwerte",
        verbose_name="Sozialraum",
    )
    jahr = models.PositiveSmallIntegerField(
        "Jahr", validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    wert = models.DecimalField("Wert", max_digits=14, decimal_places=4)
    beispieldaten = models.BooleanField(
        "Beispieldaten", default=False, help_text="Erfundene Werte der Demo, keine Statistik."
    )

    class Meta:
        verbose_name = "Kennzahlwert"
        verbose_name_plural = "Kennzahlwerte"
        ordering = ["kennzahl__reihenfolge", "jahr"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sozialquartier__isnull=True) | Q(sozialraum__isnull=True),
                name="kennzahlwert_eine_ebene",
                violation_error_message="Ein Wert gilt entweder für ein Sozialquartier oder für "
                "einen Sozialraum (oder, ohne beides, für die Stadt).",
            ),
            models.UniqueConstraint(
                fields=["kennzahl", "sozialquartier", "jahr"],
                condition=Q(sozialquartier__isnull=False),
                name="kennzahlwert_quartier_einmal",
                violation_error_message="Für dieses Sozialquartier und Jahr gibt es schon einen Wert.",
            ),
            models.UniqueConstraint(
                fields=["kennzahl", "sozialraum", "jahr"],
                condition=Q(sozialraum__isnull=False),
                name="kennzahlwert_sozialraum_einmal",
                violation_error_message="Für diesen Sozialraum und dieses Jahr gibt es schon einen Wert.",
            ),
            models.UniqueConstraint(
                fields=["kennzahl", "jahr"],
                condition=Q(sozialquartier__isnull=True, sozialraum__isnull=True),
                name="kennzahlwert_stadt_einmal",
                violation_error_message="Für die Stadt und dieses Jahr gibt es schon einen Wert.",
            ),
        ]
        indexes = [models.Index(fields=["kennzahl", "jahr"])]

    def __str__(self) -> str:
        return f"{self.kennzahl} {self.gebiet} {self.jahr}: {self.wert}"

    @property
    def ebene(self) -> str:
        if self.sozialquartier_id:
            return self.Ebene.SOZIALQUARTIER
        if self.sozialraum_id:
            return self.Ebene.SOZIALRAUM
        return self.Ebene.STADT

    @property
    def gebiet(self) -> str:
        return str(self.sozialquartier or self.sozialraum or "Stadt gesamt")


class Handlungsfeld(models.Model):
    """The managed list of fields of action (Jugend, Gesundheit, Leben im Alter, ...)."""

    name = models.CharField("Name", max_length=100, unique=True, validators=[EINZEILIG])
    reihenfolge = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    aktiv = models.BooleanField("aktiv", default=True)

    class Meta:
        verbose_name = "Handlungsfeld"
        verbose_name_plural = "Handlungsfelder"
        ordering = ["reihenfolge", "name"]

    def __str__(self) -> str:
        return self.name


class VertretungQuerySet(models.QuerySet):
    def gueltig(self, tag=None):
        """Running on `tag` (default today), and only while the person stood in for still
        leads that Bereich and both accounts are active: losing the Leitung ends the deputy's
        right too."""
        tag = tag or timezone.localdate()
        return self.filter(
            beendet_am__isnull=True,
            von__lte=tag,
            bis__gte=tag,
            vertretene__is_active=True,
            vertretung__is_active=True,
            vertretene__mitgliedschaften__bereich=models.F("bereich"),
            vertretene__mitgliedschaften__rolle=Mitgliedschaft.Rolle.LEITUNG,
        )


class Vertretung(models.Model):
    """A Bereichsleitung's deputy for a period: decides approvals "i. V."."""

    bereich = models.ForeignKey(
        Bereich, on_delete=models.CASCADE, related_name="vertretungen", verbose_name="Bereich"
    )
    vertretene = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="vertreten_durch",
        verbose_name="vertretene Leitung",
    )
    vertretung = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="vertritt", verbose_name="Vertretung"
    )
    von = models.DateField("von")
    bis = models.DateField("bis")
    # Ended early: kept (who stood in for whom and when stays traceable), no longer valid.
    beendet_am = models.DateTimeField("vorzeitig beendet am", null=True, blank=True)
    beendet_von = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beendet von",
    )

    objects = VertretungQuerySet.as_manager()

    class Meta:
        verbose_name = "Vertretung"
        verbose_name_plural = "Vertretungen"
        ordering = ["-von"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bis__gte=models.F("von")),
                name="vertretung_zeitraum",
                violation_error_message="„bis“ liegt vor „von“.",
            ),
            models.CheckConstraint(
                condition=~Q(vertretene=models.F("vertretung")),
                name="vertretung_nicht_selbst",
                violation_error_message="Niemand vertritt sich selbst.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vertretung} vertritt {self.vertretene} ({self.bereich.code})"


def dn_normalisiert(dn: str) -> str:
    """A DN as the directory compares it: case and blanks around separators do not matter."""
    return ",".join(teil.strip().lower() for teil in (dn or "").split(","))


class Verzeichnisgruppe(models.Model):
    """A group of the city's directory and the role it gives: a city-wide role, or Mitarbeit /
    Leitung in a Bereich. Applied at every sign-in through the directory."""

    class Rolle(models.TextChoices):
        SOZIALPLANUNG = "sozialplanung", "Sozialplanung"
        LESEND = "lesend", "Lesend"
        ADMINISTRATION = "administration", "Administration (Verwaltung)"
        MITARBEIT = "mitarbeit", "Mitarbeit im Bereich"
        LEITUNG = "leitung", "Leitung des Bereichs"

    dn = models.CharField(
        "Gruppe (DN)",
        max_length=500,
        unique=True,
        validators=[EINZEILIG],
        help_text="z. B. CN=GG-Sozialplanung-Jugend-Leitung,OU=Gruppen,DC=stadt,DC=de",
    )
    rolle = models.CharField("Rolle", max_length=20, choices=Rolle.choices)
    bereich = models.ForeignKey(
        Bereich,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verzeichnisgruppen",
        verbose_name="Bereich",
    )

    class Meta:
        verbose_name = "Verzeichnisgruppe"
        verbose_name_plural = "Verzeichnisgruppen (Rollen aus dem Verzeichnis)"
        ordering = ["rolle", "bereich__code", "dn"]

    def __str__(self) -> str:
        ziel = f" in {self.bereich.code}" if self.bereich_id else ""
        return f"{self.dn} → {self.get_rolle_display()}{ziel}"

    def save(self, *args, **kwargs):
        self.dn = dn_normalisiert(self.dn)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        self.dn = dn_normalisiert(self.dn)
        im_bereich = self.rolle in (self.Rolle.MITARBEIT, self.Rolle.LEITUNG)
        if im_bereich and not self.bereich_id:
            raise ValidationError({"bereich": "Mitarbeit und Leitung gelten für einen Bereich."})
        if not im_bereich and self.bereich_id:
            raise ValidationError({"bereich": "Diese Rolle gilt stadtweit, ohne Bereich."})
