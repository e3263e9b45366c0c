from django.urls import path

from stammdaten import views

urlpatterns = [
    path("sozialraeume/", views.sozialraum_liste, name="sozialraum_liste"),
    path("sozialraeume/<str:kurzname>/", views.sozialraum_detail, name="sozialraum_detail"),
    path("bereiche/", views.bereich_liste, name="bereich_liste"),
    path("bereiche/<str:code>/", views.bereich_detail, name="bereich_detail"),
    path("bereiche/<str:code>/mitglieder/", views.bereich_mitglieder, name="bereich_mitglieder"),
    path("bereiche/<str:code>/vertretung/", views.bereich_vertretung, name="bereich_vertretung"),
    path("kennzahlen/", views.kennzahl_liste, name="kennzahl_liste"),
    path("sozialindex/", views.sozialindex_seite, name="sozialindex"),
    path("sozialindex/diagramm.svg", views.sozialindex_diagramm, name="sozialindex_diagramm"),
]
