"""Writes on participants that touch several tables (``privacy.py``: erasure, retention, a person's copy)."""
