from django.urls import path

from wirkung import views

urlpatterns = [
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
