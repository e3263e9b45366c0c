from django.urls import path

from controlling import bericht_views, views

urlpatterns = [
    path("controlling/", bericht_views.dashboard, name="controlling_dashboard"),
    path("controlling/perioden/", views.periode_liste, name="periode_liste"),
    path("controlling/perioden/eroeffnen/", views.periode_eroeffnen, name="periode_eroeffnen"),
    path("controlling/perioden/<int:pk>/", views.periode_detail, name="periode_detail"),
    path(
        "controlling/perioden/<int:pk>/abschliessen/",
        views.periode_abschliessen,
        name="periode_abschliessen",
    ),
    path(
        "controlling/perioden/<int:pk>/bericht/",
        bericht_views.bericht_erstellen,
        name="bericht_erstellen",
    ),
    path("controlling/berichte/<int:pk>/", bericht_views.bericht_status, name="bericht_status"),
    path(
        "controlling/berichte/<int:pk>/<str:format>/",
        bericht_views.bericht_datei,
        name="bericht_datei",
    ),
    path("sachstandsmeldungen/", views.meldung_liste, name="meldung_liste"),
    path("sachstandsmeldungen/<int:pk>/", views.meldung_detail, name="meldung_detail"),
    path("sachstandsmeldungen/<int:pk>/pruefen/", views.meldung_pruefen, name="meldung_pruefen"),
    path(
        "sachstandsmeldungen/<int:pk>/zurueckgeben/",
        views.meldung_zurueckgeben,
        name="meldung_zurueckgeben",
    ),
]
