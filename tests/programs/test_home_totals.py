"""The home page's totals table: the source's stated totals beside the sums of its table's rows."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db


def totals_rows(body):
    """The totals section's rows as {row heading: [programs, participants]}, read from its table only."""
    section = re.search(r'<section class="totals".*?</section>', body, flags=re.S)
    assert section, "the home page has no totals section"
    rows = {}
    for heading, cells in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', section.group(0), flags=re.S):
        rows[unescape(heading)] = [unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", cells)]
    return rows


def test_home_page_shows_the_stated_totals_beside_the_tables_sums(client, registry):
    response = client.get("/")
    assert response.status_code == 200
    rows = totals_rows(response.content.decode())
    assert rows == {
        "Stated by the source": ["168", "2,425"],
        "Sum of the table's rows": ["175", "2,538"],
    }
