"""Extension points of the Steckbrief room: what other rooms add to a Steckbrief's page and
list, and what they do when an offer stops being befristet. Filled in their AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.erweiterungen import Erweiterungspunkt, Seitenabschnitte

# Sections below the Steckbrief's own content (e.g. Bekanntheit from the World-Café, the
# Anregungen and Empfehlungen about the offer).
STECKBRIEF_ABSCHNITTE = Seitenabschnitte("massnahmen.steckbrief_abschnitte")


@dataclass(frozen=True)
class Link:
    text: str
    url_name: str
    regel: str  # shown only to users with this rule


# Further pages about Steckbriefe, linked from the list.
STECKBRIEF_LISTE_LINKS: Erweiterungspunkt[Link] = Erweiterungspunkt(
    "massnahmen.steckbrief_liste_links"
)

# Called as (steckbrief=, user=) inside the transaction that made a befristet offer
# unbefristet: what waited for a Verlängerung may now be settled.
NACH_ENTFRISTUNG: Erweiterungspunkt[Callable[..., None]] = Erweiterungspunkt(
    "massnahmen.nach_entfristung"
)
