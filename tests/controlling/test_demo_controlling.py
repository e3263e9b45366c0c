"""The demo's controlling: two closed past quarters with Meldungen in every state, and the
current open one (relative to the day the demo was loaded)."""

from django.utils import timezone

from controlling.models import Berichtsperiode, Sachstandsmeldung, quartal_von, vorquartal


def test_demo_has_two_past_quarters_in_every_state_and_an_open_one(db):
    perioden = list(Berichtsperiode.objects.order_by("-stichtag"))
    aktuell = vorquartal(*quartal_von(timezone.localdate()))
    assert [(p.jahr, p.quartal) for p in perioden] == [
        aktuell,
        vorquartal(*aktuell),
        vorquartal(*vorquartal(*aktuell)),
    ]
    assert perioden[0].offen and not perioden[1].offen and not perioden[2].offen
    vergangen = Sachstandsmeldung.objects.filter(periode__in=perioden[1:])
    assert set(vergangen.values_list("status", flat=True)) == set(Sachstandsmeldung.Status)
    assert any(m.verspaetet() for m in vergangen.filter(eingereicht_am__isnull=False))
    assert perioden[0].meldungen.filter(status="angefordert").exists()
