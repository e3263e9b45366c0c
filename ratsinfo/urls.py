from django.urls import path

from ratsinfo import views

urlpatterns = [
    path("ratsvorlagen/", views.liste, name="ratsvorlage_liste"),
    path("ratsvorlagen/<int:vorlage>/abrufen/", views.abrufen, name="ratsvorlage_abrufen"),
    path(
        "ratsvorlagen/<str:art>/<int:pk>/verknuepfen/",
        views.verknuepfen,
        name="ratsvorlage_verknuepfen",
    ),
    path(
        "ratsvorlagen/<str:art>/<int:pk>/loesen/<int:vorlage>/",
        views.loesen,
        name="ratsvorlage_loesen",
    ),
]
