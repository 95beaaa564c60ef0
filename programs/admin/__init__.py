"""The staff admin of institutes, themes, programs and data-quality flags."""

from . import programs  # noqa: F401  (registers the admin classes)
