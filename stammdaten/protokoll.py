"""What changes a person's rights goes into the audit log (core.protokoll), whichever way it
happens: the admin, a service, the directory at sign-in. Signals, because the admin writes
these models directly."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from core.models import Protokolleintrag
from core.protokoll import protokollieren
from stammdaten.models import Mitgliedschaft, User, Vertretung, Verzeichnisgruppe

A = Protokolleintrag.Art
RECHTE = {
    "ist_sozialplanung": "Sozialplanung",
    "ist_lesend": "Lesend",
    "is_staff": "Verwaltung",
    "is_superuser": "Administration",
    "is_active": "aktiv",
}


@receiver(pre_save, sender=User)
def _rechte_vorher(sender, instance: User, **kwargs):
    alt = sender.objects.filter(pk=instance.pk).values(*RECHTE).first() if instance.pk else None
    instance._rechte_vorher = alt


@receiver(post_save, sender=User)
def _rechte_nachher(sender, instance: User, created: bool, **kwargs):
    alt = getattr(instance, "_rechte_vorher", None)
    if created:
        an = [
            name for feld, name in RECHTE.items() if getattr(instance, feld) and feld != "is_active"
        ]
        text = "angelegt" + (f" mit {', '.join(an)}" if an else "")
        protokollieren(A.RECHTE, betroffen=instance.get_username(), text=text)
        return
    if alt is None:
        return
    geaendert = [
        f"{name}: {'ja' if getattr(instance, feld) else 'nein'}"
        for feld, name in RECHTE.items()
        if alt[feld] != getattr(instance, feld)
    ]
    if geaendert:
        protokollieren(A.RECHTE, betroffen=instance.get_username(), text="; ".join(geaendert))


@receiver(pre_save, sender=Mitgliedschaft)
def _mitgliedschaft_vorher(sender, instance: Mitgliedschaft, **kwargs):
    instance._rolle_vorher = (
        sender.objects.filter(pk=instance.pk).values_list("rolle", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=Mitgliedschaft)
def _mitgliedschaft(sender, instance: Mitgliedschaft, created: bool, **kwargs):
    vorher = getattr(instance, "_rolle_vorher", None)
    if not created and vorher == instance.rolle:
        return
    text = (
        f"{instance.get_rolle_display()} in {instance.bereich.code}"
        if created
        else f"in {instance.bereich.code}: {Mitgliedschaft.Rolle(vorher).label} → {instance.get_rolle_display()}"
    )
    protokollieren(A.MITGLIEDSCHAFT, betroffen=instance.user.get_username(), text=text)


@receiver(post_delete, sender=Mitgliedschaft)
def _mitgliedschaft_weg(sender, instance: Mitgliedschaft, **kwargs):
    protokollieren(
        A.MITGLIEDSCHAFT,
        betroffen=instance.user.get_username(),
        text=f"nicht mehr {instance.get_rolle_display()} in {instance.bereich.code}",
    )


@receiver(post_save, sender=Vertretung)
def _vertretung(sender, instance: Vertretung, created: bool, **kwargs):
    if created:
        protokollieren(
            A.VERTRETUNG,
            betroffen=instance.vertretung.get_username(),
            text=f"vertritt {instance.vertretene.get_username()} in {instance.bereich.code} "
            f"vom {instance.von:%d.%m.%Y} bis {instance.bis:%d.%m.%Y}",
        )


def vertretung_beendet(vertretung: Vertretung) -> None:
    protokollieren(
        A.VERTRETUNG,
        betroffen=vertretung.vertretung.get_username(),
        text=f"Vertretung für {vertretung.vertretene.get_username()} in "
        f"{vertretung.bereich.code} vorzeitig beendet",
    )


@receiver(post_save, sender=Verzeichnisgruppe)
def _zuordnung(sender, instance: Verzeichnisgruppe, created: bool, **kwargs):
    protokollieren(
        A.VERZEICHNIS,
        betroffen=instance.dn,
        text=("neu: " if created else "geändert: ") + str(instance),
    )


@receiver(post_delete, sender=Verzeichnisgruppe)
def _zuordnung_weg(sender, instance: Verzeichnisgruppe, **kwargs):
    protokollieren(A.VERZEICHNIS, betroffen=instance.dn, text=f"entfernt: {instance}")
