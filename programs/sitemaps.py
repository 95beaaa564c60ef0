"""The sitemaps crawlers read from /sitemap.xml (an index of one sitemap per kind of page): every public
page in every language, each with its translations as hreflang alternates and English as x-default."""

from collections.abc import Sequence

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language

from cities.models import Agreement, City

from .models import Institute, Program, Theme
from .record_urls import SlugUrls

# Records per page of a record sitemap. Each record is listed once per language, each entry with all its
# language versions as alternates: 50 records make 400 entries and 3,600 links, about half a megabyte with
# long slugs, within the page cache's limit (PAGE_CACHE_MAX_ENTRY_BYTES, 1 MB), so a page is kept. At
# 1,500 entries a page was 1.5 to 1.9 MB and never kept.
RECORDS_PER_PAGE = 50


class PublicPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    @property
    def language_codes(self):
        return self.languages or [code for code, _name in settings.LANGUAGES]


class InEveryLanguage(Sequence):
    """The (record, language) pairs that Sitemap pages through when ``i18n`` is on, read from the database
    one page of records at a time. Django's own list holds every record of the table once per language,
    built for each page: 400,000 pairs and 1.7 s for each page of the programs at 50,000 programs."""

    def __init__(self, records, languages):
        self.records, self.languages = records, list(languages)

    @cached_property
    def record_count(self):
        return self.records.count()

    def __len__(self):
        return self.record_count * len(self.languages)

    def __getitem__(self, index):
        per_record = len(self.languages)
        if not isinstance(index, slice):
            index = index + len(self) if index < 0 else index
            if not 0 <= index < len(self):
                raise IndexError(index)
            return self.records[index // per_record], self.languages[index % per_record]
        start, stop, step = index.indices(len(self))
        if start >= stop:
            return []
        first, last = start // per_record, (stop + per_record - 1) // per_record
        pairs = [(record, language) for record in self.records[first:last] for language in self.languages]
        return pairs[start - first * per_record : stop - first * per_record : step]


class PageSitemap(PublicPagesSitemap):
    """The pages that are not about one record."""

    def items(self):
        return [
            "programs:home",
            "programs:program-list",
            "programs:stats",
            "programs:about-numbers",
            "participants:privacy",  # by name only: the layers contract keeps programs from importing participants
            "programs:open-data",
            "cities:city-list",
            "cities:agreement-list",
        ]

    def location(self, item):
        return reverse(item)


class RecordSitemap(PublicPagesSitemap):
    """Every record of ``model``, at its ``get_absolute_url()``, ``RECORDS_PER_PAGE`` records a page."""

    model = None

    def items(self):
        return self.model.objects.only("slug").order_by("pk")

    @property
    def limit(self):
        return RECORDS_PER_PAGE * len(self.language_codes)

    @property
    def paginator(self):
        return Paginator(InEveryLanguage(self.items(), self.language_codes), self.limit)

    @cached_property
    def urls(self):
        return SlugUrls()

    def location(self, record):
        """The record's page in the active language (a page of a sitemap has 4,000 URLs: ``SlugUrls``)."""
        return self.urls.record_page(get_language(), self.model, record.slug)


class ProgramSitemap(RecordSitemap):
    model = Program


class InstituteSitemap(RecordSitemap):
    model = Institute


class ThemeSitemap(RecordSitemap):
    model = Theme


class CitySitemap(RecordSitemap):
    model = City


class AgreementSitemap(RecordSitemap):
    model = Agreement


SITEMAPS = {
    "pages": PageSitemap,
    "programs": ProgramSitemap,
    "institutes": InstituteSitemap,
    "themes": ThemeSitemap,
    "cities": CitySitemap,
    "agreements": AgreementSitemap,
}
