from django.urls import path

from wirkung import views

urlpatterns = [
    path("wirkung/", views.uebersicht, name="wirkung_uebersicht"),
    path("wirkung/export/", views.export, name="wirkung_export"),
    path("wirkung/istwerte-import/", views.istwerte_import, name="wirkung_istwerte_import"),
    path("wirkung/<str:typ>/<int:pk>/ziele/neu/", views.ziel_bearbeiten, name="wirkungsziel_neu"),
    path(
        "wirkungsziele/<int:ziel>/bearbeiten/",
        views.ziel_bearbeiten,
        name="wirkungsziel_bearbeiten",
    ),
    path("wirkungsziele/<int:ziel>/loeschen/", views.ziel_loeschen, name="wirkungsziel_loeschen"),
    path("wirkungsziele/<int:ziel>/istwerte/", views.istwerte, name="wirkung_istwerte"),
    path("wirkung/<str:typ>/<int:pk>/pruefung/", views.pruefen, name="wirkung_pruefen"),
]
