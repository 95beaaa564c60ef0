"""Template tags that write a page's schema.org description (JSON-LD) into its ``<head>``:
``{% load structured_data %}{% program_json_ld program %}``, and ``{% json_ld data %}`` for a
description the view has built."""

from django import template

from .. import structured_data

register = template.Library()


def _absolute(context):
    return context["request"].build_absolute_uri


@register.simple_tag
def json_ld(data):
    return structured_data.json_ld_script(data)


@register.simple_tag(takes_context=True)
def program_json_ld(context, program):
    return structured_data.json_ld_script(structured_data.program_json_ld(program, _absolute(context)))


@register.simple_tag(takes_context=True)
def institute_json_ld(context, institute):
    return structured_data.json_ld_script(structured_data.institute_json_ld(institute, _absolute(context)))


@register.simple_tag(takes_context=True)
def city_json_ld(context, city):
    return structured_data.json_ld_script(structured_data.city_json_ld(city, _absolute(context)))
