"""Benachrichtigung (in-app), reminder log, e-mail: see the approval issue."""
