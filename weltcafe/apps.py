from django.apps import AppConfig


class WeltcafeConfig(AppConfig):
    """The World-Café: Themeninseln, dot grid, cards → Anregung, feedback words, Bekanntheit,
    the event PDF."""

    name = "weltcafe"
    verbose_name = "World-Café"

    def ready(self) -> None:
        from core import dokumente as core_dokumente
        from core.erweiterungen import Abschnitt
        from empfehlungen.erweiterungen import ANREGUNG_HERKUNFT, VERANSTALTUNG_ABSCHNITTE
        from massnahmen.erweiterungen import STECKBRIEF_ABSCHNITTE, STECKBRIEF_LISTE_LINKS, Link
        from weltcafe import abschnitte, dokumente, rules  # noqa: F401  (rules: registers them)

        core_dokumente.registrieren(dokumente.DOKUMENTATION)
        STECKBRIEF_ABSCHNITTE.registrieren(
            Abschnitt("weltcafe/partials/bekanntheit.html", abschnitte.bekanntheit_des_angebots, 10)
        )
        STECKBRIEF_LISTE_LINKS.registrieren(
            Link(
                "Bekanntheit der Angebote je Sozialraum (World-Café)",
                "bekanntheit_rangliste",
                "weltcafe.ansehen",
            )
        )
        VERANSTALTUNG_ABSCHNITTE.registrieren(
            Abschnitt("weltcafe/partials/veranstaltung.html", abschnitte.zur_veranstaltung)
        )
        ANREGUNG_HERKUNFT.registrieren(
            Abschnitt("weltcafe/partials/herkunft.html", abschnitte.karte_der_anregung)
        )
