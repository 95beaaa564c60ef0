"""The admin's shared machinery (base.py: history, scoping, protected deletes, checked imports) and the
review of change proposals (proposals.py)."""

from . import proposals  # noqa: F401  (registers the change proposal admin)
