"""Paging of the public lists of programs (the program list, a city's and an agreement's programs): one
rule for a page number that names no page, and the context the shared ``includes/pagination.html`` reads."""

from django.core.paginator import InvalidPage, Paginator
from django.utils.translation import gettext as _

PAGE_SIZE = 25


def page_of(request, objects, count, per_page=PAGE_SIZE):
    """The page of ``objects`` that ``?page=`` asks for, ``count`` being their number (known already: no
    COUNT query). A page past the end shows the last page, any other page that is not one shows the
    first, each with a notice saying so (``page_notice``)."""
    paginator = Paginator(objects, per_page)
    paginator.count = count
    requested = request.GET.get("page", "1")
    page_notice = ""
    try:
        page = paginator.page(requested)
    except InvalidPage:
        past_the_end = str(requested).isdigit() and int(requested) > paginator.num_pages
        page = paginator.page(paginator.num_pages if past_the_end else 1)
        page_notice = _("There is no page “%(page)s”; showing page %(shown)s of %(pages)s.") % {
            "page": requested,
            "shown": page.number,
            "pages": paginator.num_pages,
        }
    return {
        "paginator": paginator,
        "page_obj": page,
        "page_links": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "page_notice": page_notice,
        "is_paginated": paginator.num_pages > 1,
    }
