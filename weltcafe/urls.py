from django.urls import path

from weltcafe import views, views_live

# The World-Café "Markt der Möglichkeiten" of a Veranstaltung.
urlpatterns = [
    path("veranstaltungen/<int:pk>/weltcafe/", views.uebersicht, name="weltcafe_uebersicht"),
    path(
        "veranstaltungen/<int:pk>/themeninseln/neu/",
        views.themeninsel_bearbeiten,
        name="themeninsel_neu",
    ),
    path(
        "veranstaltungen/<int:pk>/themeninseln/<int:insel>/bearbeiten/",
        views.themeninsel_bearbeiten,
        name="themeninsel_bearbeiten",
    ),
    path(
        "veranstaltungen/<int:pk>/themeninseln/<int:insel>/punkte/",
        views.punkte,
        name="themeninsel_punkte",
    ),
    path("veranstaltungen/<int:pk>/karten/", views.karten, name="weltcafe_karten"),
    path("karten/<int:pk>/bearbeiten/", views.karte_bearbeiten, name="karte_bearbeiten"),
    path("karten/<int:pk>/loeschen/", views.karte_loeschen, name="karte_loeschen"),
    path("karten/<int:pk>/anregung/", views.karte_anregung, name="karte_anregung"),
    path("veranstaltungen/<int:pk>/woerter/", views.woerter, name="weltcafe_woerter"),
    path("veranstaltungen/<int:pk>/weltcafe-import/", views.importieren, name="weltcafe_import"),
    path("veranstaltungen/<int:pk>/weltcafe-dokumentation/", views.pdf, name="weltcafe_pdf"),
    path("bekanntheit/", views.rangliste, name="bekanntheit_rangliste"),
    # Live rounds at the event; /l/<code>/ is the participants' short link (no account).
    path("veranstaltungen/<int:pk>/live/", views_live.runden, name="live_runden"),
    path(
        "veranstaltungen/<int:pk>/live/<int:runde>/",
        views_live.projektor,
        name="live_projektor",
    ),
    path(
        "veranstaltungen/<int:pk>/live/<int:runde>/stand/",
        views_live.stand,
        name="live_stand",
    ),
    path(
        "veranstaltungen/<int:pk>/live/<int:runde>/schliessen/",
        views_live.schliessen,
        name="live_schliessen",
    ),
    path(
        "veranstaltungen/<int:pk>/live/<int:runde>/moderation/",
        views_live.moderation,
        name="live_moderation",
    ),
    path(
        "veranstaltungen/<int:pk>/live/<int:runde>/antworten/<int:antwort>/",
        views_live.moderieren,
        name="live_moderieren",
    ),
    path("live/sperrwoerter/", views_live.sperrwoerter, name="live_sperrwoerter"),
    path("l/<str:code>/", views_live.teilnehmen, name="live_teilnehmen"),
]
