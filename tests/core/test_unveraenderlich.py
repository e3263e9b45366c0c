"""History cannot be changed, not even past the application: on PostgreSQL the database refuses
an ORM update() and a raw SQL DELETE on transition history, decisions, answers, versions, the
reminder and audit logs, and a published Strategiepapier with its contents."""

import pytest
from django.db import DatabaseError, connection, transaction

from core.models import Protokolleintrag, Statuswechsel
from empfehlungen.models import Handlungsempfehlung
from freigabe.models import Abstimmung, Freigabe
from strategiepapier.models import Strategiepapier

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _nur_postgres(nur_postgres):
    pass


def abgelehnt(ausfuehren) -> str:
    with pytest.raises(DatabaseError) as fehler, transaction.atomic():
        ausfuehren()
    return str(fehler.value)


def roh(sql: str, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_transition_history_refuses_update_and_delete():
    w = Statuswechsel.objects.first()
    text = abgelehnt(lambda: Statuswechsel.objects.filter(pk=w.pk).update(kommentar="geändert"))
    assert "Die Historie ist unveränderlich: UPDATE in core_statuswechsel" in text
    assert "DELETE" in abgelehnt(lambda: roh("DELETE FROM core_statuswechsel WHERE id = %s", w.pk))
    assert Statuswechsel.objects.filter(pk=w.pk, kommentar=w.kommentar).exists()


@pytest.mark.parametrize("modell", [Freigabe, Abstimmung])
def test_decisions_and_answers_refuse_update_and_delete(modell):
    eintrag = modell.objects.first()
    assert eintrag is not None
    abgelehnt(lambda: modell.objects.filter(pk=eintrag.pk).update(fassung=99))
    abgelehnt(lambda: roh(f"DELETE FROM {modell._meta.db_table} WHERE id = %s", eintrag.pk))  # noqa: S608
    assert modell.objects.filter(pk=eintrag.pk).exclude(fassung=99).exists()


def test_versions_refuse_update_and_delete():
    version = Handlungsempfehlung.history.first()
    tabelle = Handlungsempfehlung.history.model._meta.db_table
    sql = f"UPDATE {tabelle} SET titel = 'x' WHERE history_id = %s"  # noqa: S608 (name from code)
    abgelehnt(lambda: roh(sql, version.history_id))
    abgelehnt(lambda: Handlungsempfehlung.history.filter(history_id=version.history_id).delete())


def test_a_published_paper_and_its_contents_are_frozen_a_draft_is_not():
    papier = Strategiepapier.objects.filter(status="veroeffentlicht").first()
    abgelehnt(lambda: Strategiepapier.objects.filter(pk=papier.pk).update(pdf_sha256="0" * 64))
    abgelehnt(
        lambda: roh(
            "DELETE FROM strategiepapier_strategiepapier_empfehlungen WHERE strategiepapier_id = %s",
            papier.pk,
        )
    )
    abgelehnt(
        lambda: papier.empfehlungen.add(
            Handlungsempfehlung.objects.exclude(strategiepapiere=papier).first()
        )
    )
    entwurf = Strategiepapier.objects.create(
        sozialraum=papier.sozialraum, ausgabe=2093, erstellt_von=papier.erstellt_von
    )
    Strategiepapier.objects.filter(pk=entwurf.pk).update(ausgabe=2094)  # a draft may change
    entwurf.delete()


def test_the_audit_log_cannot_be_rewritten_but_is_pruned_by_age():
    from core.protokoll import protokollieren

    e = protokollieren(Protokolleintrag.Art.EXPORT, betroffen="echt")
    abgelehnt(lambda: Protokolleintrag.objects.filter(pk=e.pk).update(betroffen="gefälscht"))
    Protokolleintrag.objects.filter(pk=e.pk).delete()  # retention deletes


@pytest.mark.django_db(transaction=True)
def test_the_demo_switch_lets_only_updates_through_and_only_in_its_transaction(django_db_setup):
    from django.contrib.contenttypes.models import ContentType

    w = Statuswechsel.objects.create(
        content_type=ContentType.objects.get_for_model(Statuswechsel),
        object_id=1,
        von="a",
        nach="b",
    )
    with transaction.atomic():  # the outermost: SET LOCAL ends with it
        roh("SET LOCAL sozialplanung.demo = 'an'")
        Statuswechsel.objects.filter(pk=w.pk).update(kommentar="zurückdatiert")
        abgelehnt(lambda: Statuswechsel.objects.filter(pk=w.pk).delete())
    abgelehnt(lambda: Statuswechsel.objects.filter(pk=w.pk).update(kommentar="danach"))
    assert Statuswechsel.objects.get(pk=w.pk).kommentar == "zurückdatiert"
