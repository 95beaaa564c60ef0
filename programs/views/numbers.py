"""The "About these numbers" page: what the registry's totals count, what the source states, and the
records that the totals leave out (announced in advance, possible duplicates)."""

from django.views.generic import TemplateView

from exchange_portal.pagecache import PublicPage

from ..models import Program
from ..selectors.totals import source_table_totals
from ..sources import source_table


class AboutNumbersView(PublicPage, TemplateView):
    template_name = "programs/about_numbers.html"

    def get_context_data(self, **kwargs):
        outside_table = (
            Program.objects.exclude(source_document=source_table.SOURCE_DOCUMENT)
            .select_related("duplicate_of")
            .order_by("status", "year", "title")
        )
        return super().get_context_data(
            summary=Program.objects.summary_by_status(table_document=source_table.SOURCE_DOCUMENT),
            totals=source_table_totals(),
            other_confirmed=[program for program in outside_table if program.is_confirmed],
            not_confirmed=[program for program in outside_table if not program.is_confirmed],
            table_not_confirmed=list(
                Program.objects.from_source(source_table.SOURCE_DOCUMENT).not_confirmed().order_by("year", "title")
            ),
            **kwargs,
        )
