"""What a program's list item shows beyond its own fields: its target cities and countries."""

from django import template

from ..models.targets import targets_of

register = template.Library()


@register.simple_tag
def program_targets(program):
    """``{"cities": [(name, url)], "countries": [(name, url)]}`` of a program from ``for_listing()``."""
    cities, countries = targets_of(program)
    return {"cities": cities, "countries": countries}
