"""Fields that carry translations (django-modeltranslation): the consent notice's wording in every UI
language, so that the exact text a person was shown can be shown again. English is the fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import ConsentNotice


@register(ConsentNotice)
class ConsentNoticeTranslationOptions(TranslationOptions):
    fields = ("title", "text")
