"""Notifications are personal; the views only ever fetch the user's own."""

import rules

rules.add_perm("notifications.ansehen", rules.is_authenticated & rules.is_active)
