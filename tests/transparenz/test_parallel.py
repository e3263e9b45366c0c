"""The worker copying a paper and the nightly pass (or the demo) copy the same item at the
same moment (real parallel transactions on PostgreSQL): one public copy, no error."""

import threading

import pytest
from django.db import connection

from freigabe.models import Freigabestatus as F
from tests import factories
from tests.factories import in_freigabe_zustand
from transparenz import services
from transparenz.models import OeffentlicherEintrag

pytestmark = pytest.mark.postgres


def test_an_item_copied_twice_at_once_has_one_copy(transactional_db, nur_postgres):
    from start import demo

    demo.laden()
    e = in_freigabe_zustand(factories.empfehlung(titel="Quartiershausmeister"), F.FREIGEGEBEN)
    OeffentlicherEintrag.objects.filter(art=services.art_von(e), quelle_id=e.pk).delete()
    type(e).objects.filter(pk=e.pk).update(status=F.VEROEFFENTLICHT)
    art = services.art_von(e)
    start = threading.Barrier(2)
    fehler: list[BaseException] = []

    def kopieren():
        start.wait()
        try:
            services.abgleichen(art, e.pk)
        except BaseException as exc:  # the test reports it below
            fehler.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=kopieren) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert fehler == []
    assert OeffentlicherEintrag.objects.filter(art=art, quelle_id=e.pk).count() == 1
