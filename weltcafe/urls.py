from django.urls import path

from weltcafe import views

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
]
