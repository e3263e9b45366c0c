from functools import partial

from django.apps import AppConfig


class EmpfehlungenConfig(AppConfig):
    """Veranstaltungen, Anregungen (Recherche, Statistikprüfung, similarity) and
    Handlungsempfehlungen with their Umsetzung."""

    name = "empfehlungen"
    verbose_name = "Empfehlungen"

    def ready(self) -> None:
        from core.aufgaben import AUFGABEN
        from core.erweiterungen import Abschnitt
        from empfehlungen import abschnitte, aufgaben, rules, services  # noqa: F401 (rules)
        from freigabe.erweiterungen import WEITERE_SCHRITTE, Schritt
        from massnahmen.erweiterungen import NACH_ENTFRISTUNG, STECKBRIEF_ABSCHNITTE

        AUFGABEN.registrieren(aufgaben.recherche_aufgaben)
        STECKBRIEF_ABSCHNITTE.registrieren(
            Abschnitt("empfehlungen/partials/zum_angebot.html", abschnitte.zum_angebot, 20)
        )
        NACH_ENTFRISTUNG.registrieren(services.anregungen_nach_entfristung_verknuepfen)
        for aktion, schritt, erfolg in (
            ("umsetzung-beginnen", "umsetzung_beginnen", "Umsetzung begonnen."),
            ("umgesetzt", "als_umgesetzt", "Als umgesetzt vermerkt."),
            ("nicht-umsetzbar", "als_nicht_umsetzbar", "Als nicht umsetzbar vermerkt."),
        ):
            WEITERE_SCHRITTE.registrieren(
                Schritt(
                    typ="empfehlung",
                    aktion=aktion,
                    regel="empfehlungen.umsetzung_melden",
                    ausfuehren=partial(_umsetzung, schritt=schritt),
                    erfolg=erfolg,
                )
            )


def _umsetzung(*, objekt, user, kommentar: str, schritt: str):
    from empfehlungen.services import empfehlung_umsetzung_melden  # apps load before models

    return empfehlung_umsetzung_melden(
        empfehlung=objekt, user=user, schritt=schritt, kommentar=kommentar
    )
