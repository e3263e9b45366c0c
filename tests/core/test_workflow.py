"""The workflow runner: German refusals, history, and a save of only what the step changed."""

import pytest

from core.models import Statuswechsel
from core.workflow import WorkflowError, uebergaenge, uebergang, verlauf
from empfehlungen.models import Anregung
from tests import factories


def test_a_step_saves_only_the_fields_it_changed(db):
    a = factories.anregung(text="alter Text")
    veraltet = Anregung.objects.get(pk=a.pk)
    # Someone else changes the text in between; the step must not write the old one back.
    Anregung.objects.filter(pk=a.pk).update(text="neuer Text")
    uebergang(veraltet, "recherche_beginnen", user=factories.sozialplanung())
    a.refresh_from_db()
    assert (a.status, a.text) == (Anregung.Status.IN_RECHERCHE, "neuer Text")


def test_a_step_saves_the_fields_its_caller_names(db):
    a = factories.in_zustand(Anregung.Status.IN_RECHERCHE)
    a.abschluss_grund = "Landesaufgabe"
    uebergang(a, "nicht_zustaendig", user=factories.sozialplanung(), felder=["abschluss_grund"])
    a.refresh_from_db()
    assert (a.status, a.abschluss_grund) == (Anregung.Status.NICHT_ZUSTAENDIG, "Landesaufgabe")


def test_a_step_not_possible_now_is_refused_in_german_and_records_nothing(db):
    a = factories.anregung()
    vorher = Statuswechsel.objects.count()
    with pytest.raises(WorkflowError, match="ist im Zustand „eingegangen“ nicht möglich"):
        uebergang(a, "bedarf_belegt", user=factories.sozialplanung())
    assert Statuswechsel.objects.count() == vorher


def test_a_step_without_the_right_is_refused(db):
    a = factories.anregung()
    with pytest.raises(WorkflowError, match="Sie dürfen „Recherche beginnen“ hier nicht"):
        uebergang(a, "recherche_beginnen", user=factories.demo("lesend"))
    a.refresh_from_db()
    assert a.status == Anregung.Status.EINGEGANGEN


def test_every_step_is_recorded_with_who_from_to_and_comment(db):
    a = factories.anregung()
    uebergang(a, "recherche_beginnen", user=factories.sozialplanung(), kommentar="los")
    (eintrag,) = verlauf(a)
    assert (eintrag.von, eintrag.nach, eintrag.kommentar, eintrag.user.username) == (
        "eingegangen",
        "in_recherche",
        "los",
        "sozialplanung",
    )


def test_a_step_does_not_fetch_a_deferred_field(db):
    """The search vector is deferred: comparing the fields before and after a step must not
    load it (one query per step, 200 when a paper is published)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    a = Anregung.objects.get(pk=factories.anregung().pk)
    assert "suchvektor" in a.get_deferred_fields()
    with CaptureQueriesContext(connection) as abfragen:
        uebergang(a, "recherche_beginnen", user=factories.sozialplanung())
    assert not any("suchvektor" in q["sql"] for q in abfragen.captured_queries)


def test_many_steps_at_once_move_each_record_each_and_stamp_each(db):
    """Publishing a paper moves hundreds of items: one UPDATE and one INSERT for all, yet
    every item gets its state, its change stamp and its own recorded step."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from empfehlungen.models import Handlungsempfehlung
    from freigabe.models import Freigabestatus as F

    empfehlungen = [
        factories.in_freigabe_zustand(factories.empfehlung(titel=f"Empfehlung {i}"), F.FREIGEGEBEN)
        for i in range(3)
    ]
    Handlungsempfehlung.objects.filter(pk__in=[e.pk for e in empfehlungen]).update(
        geaendert_am="2020-01-01T00:00:00Z"
    )
    frisch = list(
        Handlungsempfehlung.objects.filter(pk__in=[e.pk for e in empfehlungen]).order_by("pk")
    )
    with CaptureQueriesContext(connection) as abfragen:
        uebergaenge(frisch, "veroeffentlichen", user=factories.sozialplanung(), kommentar="alle")
    schreibend = [q for q in abfragen.captured_queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert len(schreibend) == 2
    for e in empfehlungen:
        e.refresh_from_db()
        assert e.status == F.VEROEFFENTLICHT
        assert e.geaendert_am.year > 2020
        eintrag = verlauf(e).order_by("-pk").first()
        assert (eintrag.von, eintrag.nach, eintrag.kommentar) == (
            F.FREIGEGEBEN,
            F.VEROEFFENTLICHT,
            "alle",
        )


def test_many_steps_at_once_save_nothing_when_one_is_refused(db):
    user = factories.sozialplanung()
    bereit = factories.anregung()
    schon_weiter = factories.in_zustand(Anregung.Status.IN_RECHERCHE)
    vorher = Statuswechsel.objects.count()
    objekte = list(Anregung.objects.filter(pk__in=[bereit.pk, schon_weiter.pk]).order_by("pk"))
    with pytest.raises(WorkflowError, match="ist im Zustand „in Recherche“ nicht möglich"):
        uebergaenge(objekte, "recherche_beginnen", user=user)
    bereit.refresh_from_db()
    assert bereit.status == Anregung.Status.EINGEGANGEN
    assert Statuswechsel.objects.count() == vorher


def test_many_steps_at_once_keep_what_each_item_set_for_itself(db):
    """A step that sets a different value on each item (a new Fassung counts up from each
    item's own) saves each item's value, not the first one's."""
    from empfehlungen.models import Handlungsempfehlung
    from freigabe.models import Freigabestatus as F

    a, b = (
        factories.in_freigabe_zustand(factories.empfehlung(titel=f"Empfehlung {i}"), F.FREIGEGEBEN)
        for i in range(2)
    )
    Handlungsempfehlung.objects.filter(pk=b.pk).update(fassung=5)
    frisch = list(Handlungsempfehlung.objects.filter(pk__in=[a.pk, b.pk]).order_by("pk"))
    uebergaenge(frisch, "neue_fassung", user=factories.sozialplanung())
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.fassung, b.status, b.fassung) == (F.ENTWURF, 2, F.ENTWURF, 6)
