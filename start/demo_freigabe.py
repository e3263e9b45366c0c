"""Demo data of Abstimmung, Freigabe and publication: the intake's drafts taken through every
state by the services (so each has its history, answers, decisions and notifications), and the
Strategiepapier of Oberhausen-Ost published. Runs once; a second load changes nothing."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from empfehlungen.models import Handlungsempfehlung
from empfehlungen.services import empfehlung_aendern, empfehlung_umsetzung_melden
from freigabe import services as freigabe
from freigabe.models import Abstimmung, Freigabe
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich, Sozialraum, User, Vertretung
from strategiepapier.models import Strategiepapier
from strategiepapier.services import strategiepapier_anlegen, strategiepapier_veroeffentlichen

PAPIER_RAUM, PAPIER_AUSGABE = "OST", 2024
JA, BEDARF = Abstimmung.Antwort.EINVERSTANDEN, Abstimmung.Antwort.AENDERUNGSBEDARF


def laden() -> None:
    if Abstimmung.objects.exists():
        return  # taken through the workflow before
    u = {u.username: u for u in User.objects.filter(username__contains="-")}
    u["sozialplanung"] = User.objects.get(username="sozialplanung")
    if not {"fb-jugend", "bl-jugend", "fb-gesundheit", "bl-gesundheit"} <= set(u):
        return
    jugend, gesundheit = Bereich.objects.get(code="3-1"), Bereich.objects.get(code="3-4")
    with transaction.atomic():
        Demo(u, jugend, gesundheit).alles()


class Demo:
    def __init__(self, u, jugend, gesundheit):
        self.u, self.sp = u, u["sozialplanung"]
        self.jugend, self.gesundheit = jugend, gesundheit
        self.leitung = {jugend.pk: u["bl-jugend"], gesundheit.pk: u["bl-gesundheit"]}
        self.mitarbeit = {jugend.pk: u["fb-jugend"], gesundheit.pk: u["fb-gesundheit"]}
        self.i_v_offen = False

    def alles(self) -> None:
        ost = Sozialraum.objects.get(kurzname=PAPIER_RAUM)
        empfehlungen = list(
            Handlungsempfehlung.objects.filter(federfuehrung__in=[self.jugend, self.gesundheit])
            .order_by("pk")
            .prefetch_related("beteiligte")
        )
        # Every second Empfehlung involves the other Bereich too (two Abstimmungen, two
        # Freigaben).
        for i, e in enumerate(empfehlungen):
            if i % 2 == 0:
                andere = self.gesundheit if e.federfuehrung_id == self.jugend.pk else self.jugend
                e.beteiligte.add(andere)
        im_papier = [e for e in empfehlungen if e.stadtweit or ost in e.sozialraeume.all()]
        uebrige = [e for e in empfehlungen if e not in im_papier]
        steckbriefe = list(
            Massnahmensteckbrief.objects.filter(federfuehrung__in=[self.jugend, self.gesundheit])
            .filter(Q(stadtweit=True) | Q(sozialraeume=ost))
            .distinct()
            .order_by("pk")
        )

        # Bereich 3-4 had a deputy during the last holidays (one decision reads "i. V.") and
        # has the next holidays planned; today the Leitung decides herself.
        heute = timezone.localdate()
        self.urlaub = Vertretung.objects.create(
            bereich=self.gesundheit,
            vertretene=self.u["bl-gesundheit"],
            vertretung=self.u["fb-gesundheit"],
            von=heute,
            bis=heute,
        )
        Vertretung.objects.create(
            bereich=self.gesundheit,
            vertretene=self.u["bl-gesundheit"],
            vertretung=self.u["fb-gesundheit"],
            von=heute + timedelta(days=30),
            bis=heute + timedelta(days=44),
        )

        # Two Steckbriefe stay behind: one in Abstimmung, one waiting for its Freigabe.
        self.abstimmen(steckbriefe.pop(), {self.jugend.pk: None, self.gesundheit.pk: None})
        self.freigeben(self.abstimmen(steckbriefe.pop()), nur=set())
        self.i_v_offen = True
        for o in im_papier + steckbriefe:
            self.abstimmen(o)
            self.freigeben(o)
        papier = strategiepapier_anlegen(user=self.sp, sozialraum=ost, ausgabe=PAPIER_AUSGABE)
        strategiepapier_veroeffentlichen(papier=papier, user=self.sp)
        self.umsetzung(im_papier)
        self.uebrige_zustaende(uebrige)

    def abstimmen(self, o, antworten=None):
        o = freigabe.vorgang_zur_abstimmung_geben(objekt=o, user=self.sp)
        for b in o.bereiche():
            antwort = (antworten or {}).get(b.pk, JA)
            if antwort is None:
                continue
            freigabe.abstimmung_beantworten(
                objekt=o,
                user=self.mitarbeit[b.pk],
                bereich=b,
                antwort=antwort,
                text=""
                if antwort == JA
                else "Bitte die Zielgruppe genauer fassen und die Kosten beziffern.",
                stand=o.stand,
            )
        return o

    def freigeben(self, o, *, nur=None, ablehnen=None):
        o = freigabe.vorgang_zur_freigabe_geben(objekt=o, user=self.sp)
        for b in o.bereiche():
            if nur is not None and b.pk not in nur:
                continue
            user = self.leitung[b.pk]
            if self.i_v_offen and b.pk == self.gesundheit.pk:
                user, self.i_v_offen = self.u["fb-gesundheit"], False  # once, as the deputy
                user = User.objects.get(pk=user.pk)  # Vertretungen are cached per user object
                self.urlaub_beenden(o, b, user)
                continue
            freigabe.freigabe_entscheiden(
                objekt=o,
                user=user,
                bereich=b,
                freigeben=b != ablehnen,
                begruendung=""
                if b != ablehnen
                else "Die Finanzierung ist im Haushalt 2025 nicht gesichert.",
            )
        return o

    def urlaub_beenden(self, o, bereich, deputy) -> None:
        """The deputy's decision, then the holidays moved into the past where they belong."""
        f = freigabe.freigabe_entscheiden(objekt=o, user=deputy, bereich=bereich, freigeben=True)
        heute = timezone.localdate()
        Vertretung.objects.filter(pk=self.urlaub.pk).update(
            von=heute - timedelta(days=14), bis=heute - timedelta(days=1)
        )
        Freigabe.objects.filter(pk=f.pk).update(zeitpunkt=timezone.now() - timedelta(days=3))

    def umsetzung(self, veroeffentlicht) -> None:
        schritte = [
            ["umsetzung_beginnen"],
            ["umsetzung_beginnen", "als_umgesetzt"],
            ["als_nicht_umsetzbar"],
        ]
        for e, liste in zip(veroeffentlicht, schritte, strict=False):
            for schritt in liste:
                empfehlung_umsetzung_melden(
                    empfehlung=e,
                    user=self.sp,
                    schritt=schritt,
                    kommentar="Die Räume stehen nicht mehr zur Verfügung."
                    if schritt == "als_nicht_umsetzbar"
                    else "",
                )

    def uebrige_zustaende(self, uebrige) -> None:
        """One Empfehlung per open state, so every role finds something on its start page."""
        zwei = [e for e in uebrige if len(e.bereiche()) == 2]
        eine = [e for e in uebrige if len(e.bereiche()) == 1]
        plan = [
            # in Abstimmung: the lead Bereich agreed, the other one has yet to answer
            (zwei, lambda e: self.abstimmen(e, {b.pk: None for b in e.bereiche()[1:]})),
            # in Abstimmung with Änderungsbedarf from the involved Bereich
            (zwei, lambda e: self.abstimmen(e, {e.bereiche()[1].pk: BEDARF})),
            # zur Freigabe, both Leitungen still to decide
            (zwei, lambda e: self.freigeben(self.abstimmen(e), nur=set())),
            # zur Freigabe, the lead Bereich approved, the other one is missing
            (zwei, lambda e: self.freigeben(self.abstimmen(e), nur={e.federfuehrung_id})),
            # rejected: back in Entwurf as Fassung 2, with the reason
            (zwei, lambda e: self.freigeben(self.abstimmen(e), ablehnen=e.bereiche()[1])),
            # freigegeben, waiting for the next Strategiepapier
            (eine, lambda e: self.freigeben(self.abstimmen(e))),
            # freigegeben, then changed: a new Fassung with a readable diff
            (eine, self.neue_fassung),
            # withdrawn
            (
                eine,
                lambda e: freigabe.vorgang_zurueckziehen(
                    objekt=e, user=self.sp, grund="Wird im Rahmen des Landesprogramms umgesetzt."
                ),
            ),
        ]
        for liste, schritt in plan:
            if liste:
                schritt(liste.pop(0))

    def neue_fassung(self, e) -> None:
        e = self.freigeben(self.abstimmen(e))
        e = freigabe.vorgang_neue_fassung_anlegen(
            objekt=e, user=self.sp, kommentar="Neue Förderrichtlinie des Landes berücksichtigen."
        )
        empfehlung_aendern(
            empfehlung=e,
            user=self.sp,
            stand=e.stand,
            text=e.text + " Dabei werden die Mittel der neuen Landesförderrichtlinie genutzt.",
        )


def zusammenfassung() -> str:
    veroeffentlicht = Strategiepapier.objects.filter(
        status=Strategiepapier.Status.VEROEFFENTLICHT
    ).count()
    return f"{veroeffentlicht} veröffentlichtes Strategiepapier."
