"""Writes on programs and their data-quality flags, validated and atomic."""

from django.db import transaction
from django.utils import timezone

from ..models import DataQualityFlag


@transaction.atomic
def flag_resolve(*, flag: DataQualityFlag, user, resolution: str) -> DataQualityFlag:
    """Mark a data-quality flag resolved, recording who resolved it, when and why (``DataQualityFlag.clean``
    refuses a blank resolution)."""
    flag.status = DataQualityFlag.Status.RESOLVED
    flag.resolved_by = user
    flag.resolved_at = timezone.now()
    flag.resolution = resolution.strip()
    flag.full_clean()
    flag.save()
    return flag


@transaction.atomic
def flag_reopen(*, flag: DataQualityFlag) -> DataQualityFlag:
    flag.status = DataQualityFlag.Status.OPEN
    flag.resolved_by = None
    flag.resolved_at = None
    flag.full_clean()
    flag.save()
    return flag
