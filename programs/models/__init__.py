"""The programs app's records: host institutes and themes, programs, data-quality flags."""

from .flags import DataQualityFlag, DataQualityFlagQuerySet
from .programs import EARLIEST_YEAR, LATEST_YEAR, STATUS_ALL, Program, ProgramQuerySet, TargetCountry, restricted
from .reference import Institute, InstituteQuerySet, Theme

__all__ = [
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "STATUS_ALL",
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
