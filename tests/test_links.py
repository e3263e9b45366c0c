"""Every link on every page leads somewhere a GET may go: no 405 (a link to an action that now
wants a POST), no 500. 403 and 404 are fine (the target checks its own permission)."""

import pytest
from django.urls import reverse

from tests.formulare import links
from tests.test_eigenschaften_formulare import SEITEN
from tests.test_permissions_matrix import MATRIX, objekte  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

# (role, target) already answered: every page repeats the menu's links, and each fixture
# builds the same objects, so asking once per role is the same check in a fraction of the time.
GEPRUEFT: set[tuple[str, str]] = set()


@pytest.mark.parametrize(("rolle", "name"), SEITEN)
def test_every_link_answers_a_get(rolle, name, client_als, objekte):  # noqa: F811
    zeile = MATRIX[name]
    kwargs = zeile.kwargs(objekte) if callable(zeile.kwargs) else zeile.kwargs
    url = (reverse(name, kwargs=kwargs) if "/" not in name else "/" + name) + zeile.query
    client = client_als(rolle)
    seite = client.get(url)
    assert seite.status_code == 200
    ziele = sorted(
        {z for z in links(seite.content.decode()) if not z.startswith(("/abmelden", "/static/"))}
    )
    assert ziele, f"{url}: keine Links"
    falsch = {}
    for ziel in ziele:
        if (rolle, ziel) in GEPRUEFT:
            continue
        code = client.get(ziel).status_code
        if code in (405, 500):
            falsch[ziel] = code
        else:
            GEPRUEFT.add((rolle, ziel))
    assert not falsch, f"{url}: {falsch}"
