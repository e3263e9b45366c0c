from django.urls import path

from empfehlungen import io_views, views

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
]
