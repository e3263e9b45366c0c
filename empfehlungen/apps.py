from django.apps import AppConfig


class EmpfehlungenConfig(AppConfig):
    name = "empfehlungen"
    verbose_name = "Empfehlungen"
