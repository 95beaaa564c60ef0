"""Template filters for the registry's figures: ``{{ value|headcount }}`` writes a missing headcount as
"not reported", never as 0 (an unknown is not a zero)."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext

register = template.Library()


@register.filter
def headcount(value):
    """A headcount with thousands separators, or "not reported" when there is none (``None``)."""
    if value is None or value == "":
        return gettext("not reported")
    return intcomma(value)
