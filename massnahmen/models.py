"""Maßnahmensteckbrief: see the intake issue."""
