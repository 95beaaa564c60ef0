"""Public pages of the registry."""

from django.db.models import Count
from django.views.generic import TemplateView

from cities.models import City

from .models import Program, Theme
from .totals import history_totals


class HomeView(TemplateView):
    template_name = "programs/home.html"

    def get_context_data(self, **kwargs):
        programs = Program.objects.all()
        return super().get_context_data(
            totals=history_totals(),
            program_count=programs.count(),
            headcount=programs.headcount_total(),
            city_count=City.objects.count(),
            themes=Theme.objects.annotate(program_count=Count("programs")).order_by("position"),
            recent=programs.select_related("host")[:8],
            **kwargs,
        )
