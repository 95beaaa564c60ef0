"""Writes that change programs' records, each validated with ``full_clean`` in one transaction."""
