"""Notifications are personal; the views only ever fetch the user's own. Mails that could not
be delivered are Sozialplanung's to look after."""

import rules

from stammdaten.rules import ist_aktiv, ist_sozialplanung

rules.add_perm("notifications.ansehen", ist_aktiv)
rules.add_perm("notifications.versand_pruefen", ist_sozialplanung)
