"""The admin links each public record to its page on the site ("View on site"), through the record's
own get_absolute_url."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from cities.models import Agreement, City
from programs.models import Institute, Program, Theme

ADMIN_LINK = '<a href="{}" class="viewsitelink">View on site</a>'


@pytest.mark.parametrize("model", [Program, Institute, Theme, City, Agreement])
def test_admin_change_page_links_to_the_record_on_the_site(admin_client_logged_in, registry, model):
    record = model.objects.order_by("pk").first()
    opts = model._meta
    page = admin_client_logged_in.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]))
    assert page.status_code == 200
    link = reverse("admin:view_on_site", args=[page.context["content_type_id"], record.pk])
    assert ADMIN_LINK.format(link) in page.content.decode()

    followed = admin_client_logged_in.get(link)
    assert followed.status_code == 302
    assert followed["Location"].endswith(record.get_absolute_url())
    public = admin_client_logged_in.get(record.get_absolute_url())
    assert public.status_code == 200
    heading = getattr(record, "title", None) or record.name
    assert f"<h1>{escape(heading)}" in public.content.decode()
