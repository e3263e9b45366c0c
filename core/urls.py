from django.urls import path

from core import views

urlpatterns = [
    path("dokumente/<int:pk>/", views.dokument_status, name="dokument_status"),
    path("dokumente/<int:pk>/datei/", views.dokument_datei, name="dokument_datei"),
]
