from django.urls import path

from empfehlungen import (
    freigabe_views,
    io_views,
    strategiepapier_views,
    views,
    weltcafe_views,
)

urlpatterns = [
    path("veranstaltungen/", views.veranstaltung_liste, name="veranstaltung_liste"),
    path("veranstaltungen/neu/", views.veranstaltung_bearbeiten, name="veranstaltung_neu"),
    path("veranstaltungen/<int:pk>/", views.veranstaltung_detail, name="veranstaltung_detail"),
    path(
        "veranstaltungen/<int:pk>/bearbeiten/",
        views.veranstaltung_bearbeiten,
        name="veranstaltung_bearbeiten",
    ),
    path("anregungen/", views.anregung_liste, name="anregung_liste"),
    path("anregungen/sammelaktion/", views.anregung_sammelaktion, name="anregung_sammelaktion"),
    path("anregungen/neu/", views.anregung_erfassen, name="anregung_erfassen"),
    path("anregungen/import/", io_views.anregung_import, name="anregung_import"),
    path(
        "anregungen/import/vorlage.<str:format>", io_views.anregung_vorlage, name="anregung_vorlage"
    ),
    path("anregungen/export/", io_views.anregung_export, name="anregung_export"),
    path("anregungen/<int:pk>/", views.anregung_detail, name="anregung_detail"),
    path(
        "anregungen/<int:pk>/schritt/<slug:aktion>/",
        views.anregung_schritt,
        name="anregung_schritt",
    ),
    path(
        "anregungen/<int:pk>/statistikpruefung/",
        views.anregung_statistikpruefung,
        name="anregung_statistikpruefung",
    ),
    path(
        "anregungen/<int:pk>/steckbrief-neu/",
        views.anregung_steckbrief_neu,
        name="anregung_steckbrief_neu",
    ),
    path(
        "anregungen/<int:pk>/empfehlung-neu/",
        views.anregung_empfehlung_neu,
        name="anregung_empfehlung_neu",
    ),
    path("empfehlungen/", views.empfehlung_liste, name="empfehlung_liste"),
    path("empfehlungen/neu/", views.empfehlung_bearbeiten, name="empfehlung_neu"),
    path("empfehlungen/<int:pk>/", views.empfehlung_detail, name="empfehlung_detail"),
    path(
        "empfehlungen/<int:pk>/bearbeiten/",
        views.empfehlung_bearbeiten,
        name="empfehlung_bearbeiten",
    ),
    path(
        "vorgang/<slug:typ>/<int:pk>/schritt/<slug:aktion>/",
        freigabe_views.schritt,
        name="vorgang_schritt",
    ),
    path("abstimmung/<slug:typ>/<int:pk>/", freigabe_views.abstimmen, name="abstimmen"),
    path("freigabe/<slug:typ>/<int:pk>/", freigabe_views.entscheiden, name="freigabe_entscheiden"),
    path("strategiepapiere/", strategiepapier_views.liste, name="strategiepapier_liste"),
    path("strategiepapiere/neu/", strategiepapier_views.neu, name="strategiepapier_neu"),
    path("strategiepapiere/<int:pk>/", strategiepapier_views.detail, name="strategiepapier_detail"),
    path(
        "strategiepapiere/<int:pk>/vorschau.pdf",
        strategiepapier_views.vorschau,
        name="strategiepapier_vorschau",
    ),
    path(
        "strategiepapiere/<int:pk>/strategiepapier.pdf",
        strategiepapier_views.pdf,
        name="strategiepapier_pdf",
    ),
    path(
        "strategiepapiere/<int:pk>/veroeffentlichen/",
        strategiepapier_views.veroeffentlichen,
        name="strategiepapier_veroeffentlichen",
    ),
    # World-Café "Markt der Möglichkeiten"
    path(
        "veranstaltungen/<int:pk>/weltcafe/",
        weltcafe_views.uebersicht,
        name="weltcafe_uebersicht",
    ),
    path(
        "veranstaltungen/<int:pk>/themeninseln/neu/",
        weltcafe_views.themeninsel_bearbeiten,
        name="themeninsel_neu",
    ),
    path(
        "veranstaltungen/<int:pk>/themeninseln/<int:insel>/bearbeiten/",
        weltcafe_views.themeninsel_bearbeiten,
        name="themeninsel_bearbeiten",
    ),
    path(
        "veranstaltungen/<int:pk>/themeninseln/<int:insel>/punkte/",
        weltcafe_views.punkte,
        name="themeninsel_punkte",
    ),
    path("veranstaltungen/<int:pk>/karten/", weltcafe_views.karten, name="weltcafe_karten"),
    path("karten/<int:pk>/anregung/", weltcafe_views.karte_anregung, name="karte_anregung"),
    path("veranstaltungen/<int:pk>/woerter/", weltcafe_views.woerter, name="weltcafe_woerter"),
    path(
        "veranstaltungen/<int:pk>/weltcafe-import/",
        weltcafe_views.importieren,
        name="weltcafe_import",
    ),
    path("veranstaltungen/<int:pk>/weltcafe.pdf", weltcafe_views.pdf, name="weltcafe_pdf"),
    path("bekanntheit/", weltcafe_views.rangliste, name="bekanntheit_rangliste"),
]
