"""Builders for controlling tests: published items of 3-1 and 3-4 and a period far from the
demo's quarters, so tests never meet the demo's periods."""

from datetime import date

from controlling import services
from controlling.models import Berichtsperiode, Sachstandsmeldung
from empfehlungen.models import Handlungsempfehlung
from freigabe.models import Freigabestatus
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich
from tests import factories

JAHR = 2031


def veroeffentlicht(modell, **felder):
    """An item in a state the workflow reaches only through many steps, set directly: these
    tests are about controlling, the workflow has its own."""
    if modell is Handlungsempfehlung:
        objekt = factories.empfehlung(beteiligte=(), **felder)
    else:
        objekt = factories.steckbrief(**felder)
    modell.objects.filter(pk=objekt.pk).update(status=Freigabestatus.VEROEFFENTLICHT)
    objekt.refresh_from_db()
    return objekt


def nur_diese(periode: Berichtsperiode, *objekte):
    """The period's Meldungen for the given items (the demo's items are asked too)."""
    e = [o.pk for o in objekte if isinstance(o, Handlungsempfehlung)]
    s = [o.pk for o in objekte if isinstance(o, Massnahmensteckbrief)]
    return Sachstandsmeldung.objects.filter(periode=periode).filter(
        empfehlung__in=e
    ) | Sachstandsmeldung.objects.filter(periode=periode, steckbrief__in=s)


def eroeffnet(quartal: int = 1, jahr: int = JAHR) -> Berichtsperiode:
    """Open a test period; the demo's open period is closed, so reminder passes in these
    tests see only what the test built."""
    from django.utils import timezone

    periode = services.berichtsperiode_eroeffnen(
        jahr=jahr, quartal=quartal, heute=date(jahr + 1, 1, 1)
    )[0]
    Berichtsperiode.objects.filter(jahr__lt=JAHR, abgeschlossen_am__isnull=True).update(
        abgeschlossen_am=timezone.now()
    )
    return periode


def bereich(code: str) -> Bereich:
    return Bereich.objects.get(code=code)
