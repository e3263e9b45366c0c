import re

from django.urls import reverse

from tests import factories


def test_steckbrief_page_title_is_just_the_title(db, client_als):
    s = factories.steckbrief(titel="Mobile Jugendarbeit Osterfeld")
    html = client_als("sozialplanung").get(reverse("steckbrief_detail", args=[s.pk])).content
    titel = re.search(r"<title>(.*?)</title>", html.decode(), re.S).group(1)
    assert titel.split("–")[0].strip() == "Mobile Jugendarbeit Osterfeld"
