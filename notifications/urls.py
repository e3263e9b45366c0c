from django.urls import path

from notifications import views

urlpatterns = [
    path("benachrichtigungen/", views.liste, name="benachrichtigungen"),
    path("benachrichtigungen/alle-gelesen/", views.alle_gelesen, name="benachrichtigungen_gelesen"),
    path("benachrichtigungen/<int:pk>/", views.oeffnen, name="benachrichtigung_oeffnen"),
    path("mailversand/", views.versand, name="mailversand"),
    path("mailversand/<int:pk>/erneut/", views.erneut_senden, name="mail_erneut_senden"),
]
