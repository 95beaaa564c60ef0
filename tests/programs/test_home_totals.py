"""The totals a reader sees first: the home page's one sentence on what its figures count, and the
"About these numbers" page with the source's stated totals beside the sums of its table's rows."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db


def visible(body):
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return re.sub(r" ([:,.)])", r"\1", text)


def totals_rows(body):
    """The totals section's rows as {row heading: [programs, participants]}, read from its table only."""
    section = re.search(r'<section class="totals".*?</section>', body, flags=re.S)
    assert section, "the page has no totals section"
    rows = {}
    for heading, cells in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', section.group(0), flags=re.S):
        rows[unescape(heading)] = [unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", cells)]
    return rows


def test_about_numbers_shows_the_stated_totals_beside_the_tables_sums(client, registry):
    response = client.get("/about/numbers/")
    assert response.status_code == 200
    rows = totals_rows(response.content.decode())
    assert rows == {
        "Stated by the source": ["168", "2,425"],
        "Sum of the table's rows": ["175", "2,538"],
    }


def test_home_page_counts_confirmed_programs_and_explains_them_in_one_sentence(client, registry):
    body = client.get("/").content.decode()
    text = visible(body)
    # 175 table rows + the 2016 Jeju training and the 2020 Taipei symposium (no headcount reported);
    # the 2017 and 2018 exchanges (announced) and the 2011 and 2012 learning sessions (possible
    # duplicates) are not counted.
    assert "177 programs" in text and "2,538 participants reported" in text
    assert (
        "These figures count the programs confirmed as held: the 175 rows of the published table and 2 other "
        "confirmed records, while the source itself states 168 programs and 2,425 participants for 2005–2021."
    ) in text
    assert "Not counted: 2 programs announced in advance, 2 possible duplicates." in text
    assert 'href="/about/numbers/"' in body
    assert '<section class="totals"' not in body  # the details are on the About page


def test_about_numbers_names_what_is_left_out_and_the_graduates(client, registry):
    text = visible(client.get("/about/numbers/").content.decode())
    assert (
        "Civil Servants Exchange Training: Taipei Officials in Gyeonggi (2017) — announced in advance: 15 participants"
        in text
    )
    assert (
        "City Administration Learning Sessions for International Urban Civil Servants (2011) — possible duplicate "
        "(may be Training for Civil Servants in Sister Cities (2011))"
    ) in text
    assert "6 master's degree courses with 108 participants" in text
    assert "turned out 73 graduates over six annual programs" in text
