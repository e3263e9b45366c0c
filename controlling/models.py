"""Berichtsperiode, Sachstandsmeldung, reports: see the controlling issue."""
