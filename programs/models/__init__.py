"""The programs app's records: host institutes and themes, programs, data-quality flags."""

from .flags import DataQualityFlag, DataQualityFlagQuerySet
from .programs import EARLIEST_YEAR, LATEST_YEAR, Program, ProgramQuerySet, TargetCountry, restricted
from .reference import Institute, InstituteQuerySet, Theme

__all__ = [
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "DataQualityFlag",
    "DataQualityFlagQuerySet",
    "Institute",
    "InstituteQuerySet",
    "Program",
    "ProgramQuerySet",
    "TargetCountry",
    "Theme",
    "restricted",
]
