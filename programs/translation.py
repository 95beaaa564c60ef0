"""Fields that carry translations (django-modeltranslation); English is the fallback.

The audit history of translated models is registered here, after their translation fields exist,
so that django-simple-history copies every language (its documented way to work with
modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Institute, Program, Theme


@register(Program)
class ProgramTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Institute)
class InstituteTranslationOptions(TranslationOptions):
    fields = ("name", "description")


for model in (Institute, Program, Theme):
    simple_history.register(model)
