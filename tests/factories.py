"""Small builders for test objects (the demo roles come from conftest)."""

from datetime import date

from empfehlungen import services
from empfehlungen.models import Anregung, Veranstaltung
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich, Handlungsfeld, Sozialraum, User


def sozialplanung() -> User:
    return User.objects.get(username="sozialplanung")


def veranstaltung(**felder) -> Veranstaltung:
    werte = {
        "sozialraum": Sozialraum.objects.get(kurzname="OST"),
        "datum": date(2023, 10, 26),
        "runde": 2,
        **felder,
    }
    return Veranstaltung.objects.create(**werte)


def anregung(text="Mehr Streetwork für Jugendliche am Bahnhof", **felder) -> Anregung:
    werte = {
        "sozialraum": Sozialraum.objects.get(kurzname="OST"),
        "handlungsfeld": Handlungsfeld.objects.get(name="Jugend"),
        **felder,
    }
    if werte.get("veranstaltung") is None:
        werte.setdefault("quelle", "E-Mail eines Trägers")
    return services.anregung_erfassen(user=sozialplanung(), text=text, **werte)


def in_zustand(zustand: str, **felder) -> Anregung:
    """An Anregung brought to a state through the services, as a user would."""
    user = sozialplanung()
    a = anregung(**felder)
    if zustand == Anregung.Status.EINGEGANGEN:
        return a
    a = services.anregung_recherche_beginnen(anregung=a, user=user)
    if zustand == Anregung.Status.IN_RECHERCHE:
        return a
    if zustand == Anregung.Status.ANGEBOT_VORHANDEN:
        return services.anregung_angebot_vorhanden(
            anregung=a, user=user, steckbrief=steckbrief(befristet=True)
        )
    if zustand == Anregung.Status.DUBLETTE:
        return services.anregung_als_dublette(anregung=a, user=user, original_anregung=anregung())
    if zustand == Anregung.Status.NICHT_ZUSTAENDIG:
        return services.anregung_nicht_zustaendig(anregung=a, user=user, grund="Landesaufgabe")
    a = services.anregung_zur_statistikpruefung(anregung=a, user=user)
    if zustand == Anregung.Status.STATISTIKPRUEFUNG:
        return a
    ergebnis = "nicht_belegt" if zustand == Anregung.Status.BEDARF_NICHT_BELEGT else "belegt"
    from stammdaten.models import Kennzahl

    services.statistikpruefung_abschliessen(
        anregung=a,
        user=user,
        ergebnis=ergebnis,
        begruendung="Kinderarmut über dem Stadtwert",
        kennzahl_ids=[Kennzahl.objects.get(name="Kinderarmut").pk],
    )
    a.refresh_from_db()
    if zustand in (Anregung.Status.BEDARF_BELEGT, Anregung.Status.BEDARF_NICHT_BELEGT):
        return a
    services.empfehlung_anlegen(
        user=user,
        anregungen=[a],
        titel="Streetwork ausbauen",
        text="Ausbau",
        sozialraeume=[a.sozialraum],
    )
    a.refresh_from_db()
    return a


def steckbrief(titel="Mobile Jugendarbeit", befristet=False, **felder) -> Massnahmensteckbrief:
    """A Steckbrief of OST (or stadtweit), led by 3-1; written directly, as a draft."""
    sozialraeume = felder.pop("sozialraeume", None)
    werte = {
        "beschreibung": "Aufsuchende Jugendarbeit",
        "federfuehrung": Bereich.objects.get(code="3-1"),
        "befristet": befristet,
        "laufzeit_bis": date(2026, 12, 31) if befristet else None,
        "erstellt_von": sozialplanung(),
        **felder,
    }
    s = Massnahmensteckbrief.objects.create(titel=titel, **werte)
    if not s.stadtweit:
        s.sozialraeume.set(sozialraeume or [Sozialraum.objects.get(kurzname="OST")])
    return s


def empfehlung(titel="Streetwork am Bahnhof ausbauen", beteiligte=("3-4",), **felder):
    """An Empfehlung of OST, led by 3-1 and (by default) involving 3-4."""
    werte = {
        "text": "Zwei zusätzliche Stellen für aufsuchende Jugendarbeit.",
        "sozialraeume": [Sozialraum.objects.get(kurzname="OST")],
        "federfuehrung": Bereich.objects.get(code="3-1"),
        "beteiligte": list(Bereich.objects.filter(code__in=beteiligte)),
        **felder,
    }
    return services.empfehlung_anlegen(user=sozialplanung(), titel=titel, **werte)


def demo(username: str) -> User:
    return User.objects.get(username=username)


def in_freigabe_zustand(objekt, zustand: str):
    """A Steckbrief or Empfehlung brought to a state of the Freigabe workflow by the services,
    answered and approved by the demo users of 3-1 and 3-4."""
    from freigabe import services as freigabe
    from freigabe.models import Freigabestatus as F
    from strategiepapier import services as strategiepapier

    sp = sozialplanung()
    mitarbeit = {"3-1": demo("fb-jugend"), "3-4": demo("fb-gesundheit")}
    leitung = {"3-1": demo("bl-jugend"), "3-4": demo("bl-gesundheit")}
    if zustand == F.ENTWURF:
        return objekt
    if zustand == F.ZURUECKGEZOGEN:
        return freigabe.vorgang_zurueckziehen(objekt=objekt, user=sp, grund="Landesprogramm")
    objekt = freigabe.vorgang_zur_abstimmung_geben(objekt=objekt, user=sp)
    if zustand == F.IN_ABSTIMMUNG:
        return objekt
    for b in objekt.bereiche():
        freigabe.abstimmung_beantworten(
            objekt=objekt,
            user=mitarbeit[b.code],
            bereich=b,
            antwort="einverstanden",
            stand=objekt.stand,
        )
    objekt = freigabe.vorgang_zur_freigabe_geben(objekt=objekt, user=sp)
    if zustand == F.ZUR_FREIGABE:
        return objekt
    for b in objekt.bereiche():
        freigabe.freigabe_entscheiden(
            objekt=objekt, user=leitung[b.code], bereich=b, freigeben=True
        )
    objekt.refresh_from_db()
    if zustand == F.FREIGEGEBEN:
        return objekt
    from strategiepapier.models import Strategiepapier

    papier = strategiepapier.strategiepapier_anlegen(
        user=sp,
        sozialraum=objekt.sozialraeume.first() or Sozialraum.objects.get(kurzname="OST"),
        ausgabe=2090 + Strategiepapier.objects.count(),
    )
    strategiepapier.strategiepapier_auswahl_speichern(
        papier=papier,
        user=sp,
        empfehlung_ids=[objekt.pk] if objekt._meta.model_name == "handlungsempfehlung" else [],
        steckbrief_ids=[objekt.pk] if objekt._meta.model_name == "massnahmensteckbrief" else [],
    )
    strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp)
    objekt.refresh_from_db()
    return objekt
