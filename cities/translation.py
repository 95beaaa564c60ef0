"""Fields that carry translations (django-modeltranslation); English is the fallback.

The audit history of translated models is registered here, after their translation fields exist,
so that django-simple-history copies every language (its documented way to work with
modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Agreement, City, Network


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Network)
class NetworkTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Agreement)
class AgreementTranslationOptions(TranslationOptions):
    fields = ("title", "summary")


for model in (Agreement, City, Network):
    simple_history.register(model)
