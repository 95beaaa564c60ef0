"""Unknown is not zero: wherever a headcount is missing, pages say "not reported", charts draw a
distinct mark and downloads leave the cell empty (issue 15). And the status of a record decides what
every page counts: confirmed programs by default, the others apart and labelled."""

import csv
import io
import re
from html import unescape

import pytest

from exchange_portal import charts
from programs.models import Program, TargetCountry
from tests.factories import AgreementFactory, CityFactory, InstituteFactory, ProgramFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def visible(response):
    assert response.status_code == 200
    body = re.sub(r"<svg.*?</svg>", " ", response.content.decode(), flags=re.S)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return re.sub(r" ([:,.)])", r"\1", text)


@pytest.fixture
def unreported():
    """Osaka, reached only by a 2012 program that reported no headcount, on the theme "Water"."""
    city = CityFactory(name="Osaka", slug="osaka", country="JP")
    host = InstituteFactory(name="Host", slug="host")
    theme = ThemeFactory(name="Water", slug="water")
    program = ProgramFactory(title="Water Study", year=2012, host=host, headcount=None)
    program.themes.add(theme)
    program.target_cities.add(city)
    TargetCountry.objects.create(program=program, country="JP")
    return program


def test_city_list_says_not_reported(client, unreported):
    row = re.search(
        r"<tr>\s*<th scope=\"row\"><a href=\"/cities/osaka/\">.*?</tr>", client.get("/cities/").content.decode(), re.S
    )
    assert row and "not reported" in row.group(0) and "<td>0</td>" not in row.group(0)


def test_city_page_says_not_reported(client, unreported):
    assert "Participants reported not reported" in visible(client.get("/cities/osaka/"))


def test_theme_page_summary_and_year_table_say_not_reported(client, unreported):
    text = visible(client.get("/themes/water/"))
    assert "1 program on this theme, with no headcount reported." in text
    assert "2012 1 not reported" in text


def test_institute_page_says_not_reported(client, unreported):
    assert "Participants reported not reported" in visible(client.get("/institutes/host/"))


def test_program_list_says_no_headcount_reported(client, unreported):
    text = visible(client.get("/programs/"))
    assert "1 program with no headcount reported" in text
    assert "with 0 participants" not in text


def test_home_page_says_not_reported(client, unreported):
    assert "Participants: not reported" in visible(client.get("/"))


def test_stats_tables_say_not_reported(client, unreported):
    text = visible(client.get("/stats/"))
    assert "1 program with no headcount reported." in text
    assert "2012 1 not reported" in text  # programs and participants per year
    assert "Total 1 not reported" in text
    assert "Japan 1 not reported" in text  # countries reached
    assert "Osaka 1 not reported" in text  # cities reached
    assert "On-site 1 not reported" in text  # online and on-site


def test_stats_chart_marks_an_unreported_year_apart(client, unreported):
    ProgramFactory(title="Counted", year=2013, headcount=12)
    body = client.get("/stats/").content.decode()
    missing = re.findall(r'<rect class="chart-missing".*?<title>(.*?)</title>', body)
    assert missing and set(missing) == {"2012: not reported"}
    bars = re.findall(r'<rect class="chart-bar"[^>]*data-value="([^"]+)"><title>(\d{4}):', body)
    assert ("0", "2012") not in {(value, year) for value, year in bars}
    assert re.search(r'<text class="chart-missing-label"[^>]*>not reported</text>', body)


def test_bar_chart_draws_none_apart_only_when_asked():

    data = [("2019", 5), ("2020", None)]
    marked = charts.bar_chart(data, title="t", value_label="v", missing_label="not reported")
    assert marked.count('class="chart-missing"') == 1 and marked.count('class="chart-bar"') == 1
    plain = charts.bar_chart(data, title="t", value_label="v")
    assert "chart-missing" not in plain and plain.count('class="chart-bar"') == 2  # as before: None draws 0


def test_stats_csv_leaves_unreported_headcounts_empty(client, unreported):
    content = client.get("/stats/export.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    headcounts = {
        (row["table"], row["year"] or row["country"] or row["city"] or row["mode"]): row["headcount"] for row in rows
    }
    assert headcounts[("by_year", "2012")] == ""
    assert headcounts[("by_country", "JP")] == ""
    assert headcounts[("by_city", "osaka")] == ""
    assert headcounts[("by_mode", "onsite")] == ""
    assert "0" not in {row["headcount"] for row in rows}


def test_api_stats_give_null_for_unreported(client, unreported):
    data = client.get("/api/v1/stats/").json()
    assert data["headcount"] is None
    assert data["by_year"] == [{"year": 2012, "programs": 1, "headcount": None}]


# ------------------------------------------------------------------ confirmed, announced, duplicates


@pytest.fixture
def statuses():
    """2017: one confirmed program of 20, one announced of 15; a possible duplicate of the first."""
    city = CityFactory(name="Taipei", slug="taipei", country="TW")
    held = ProgramFactory(title="Held", year=2017, headcount=20)
    announced = ProgramFactory(title="Announced", year=2017, headcount=15, status=Program.Status.ANNOUNCED)
    announced.target_cities.add(city)
    TargetCountry.objects.create(program=announced, country="TW")
    ProgramFactory(
        title="Again", year=2017, headcount=None, status=Program.Status.POSSIBLE_DUPLICATE, duplicate_of=held
    )
    return held


def test_stats_count_confirmed_programs_and_name_the_others_apart(client, statuses):
    text = visible(client.get("/stats/"))
    assert "1 program with 20 participants reported." in text
    assert "Not counted here: 1 program announced in advance (15 participants), 1 possible duplicate." in text
    assert "Taiwan" not in text.split("Countries reached")[1]  # reached only by the announced program


def test_stats_with_every_status_label_what_is_not_confirmed(client, statuses):
    text = visible(client.get("/stats/?status=all"))
    assert "3 programs with 35 participants reported." in text
    assert "of which 1 announced in advance" in text and "of which 15 announced in advance" in text
    assert "Not counted here" not in text


def test_stats_csv_says_which_status_each_row_counts(client, statuses):
    def rows(url):
        content = client.get(url).content.decode("utf-8-sig")
        return [(r["table"], r["status"], r["programs"], r["headcount"]) for r in csv.DictReader(io.StringIO(content))]

    default = rows("/stats/export.csv")
    assert ("by_year", "confirmed", "1", "20") in default
    assert ("not_counted", "announced", "1", "15") in default
    assert ("not_counted", "possible_duplicate", "1", "") in default
    everything = rows("/stats/export.csv?status=all")
    assert [row for row in everything if row[0] == "by_year"] == [
        ("by_year", "confirmed", "1", "20"),
        ("by_year", "announced", "1", "15"),
        ("by_year", "possible_duplicate", "1", ""),
    ]
    assert not [row for row in everything if row[0] == "not_counted"]


def test_program_list_shows_confirmed_programs_and_a_status_filter(client, statuses):
    text = visible(client.get("/programs/"))
    assert "1 program" in text and "Announced" not in text.split("Not counted here")[0]
    listed = visible(client.get("/programs/?status=announced"))
    assert "Announced in advance: not counted in the totals" in listed
    assert "Status: announced in advance" in listed  # the chip


def test_partner_cities_and_city_pages_count_confirmed_programs(client, statuses):
    text = visible(client.get("/cities/taipei/"))
    assert "Programs aimed at it 0" in text
    assert "Announced or possibly recorded twice" in text and "Announced in advance: not counted" in text
    home = visible(client.get("/"))
    assert "0 partner cities" in home and "0 countries reached" in home


def test_program_page_names_its_status_and_the_record_it_may_repeat(client, statuses):
    duplicate = Program.objects.get(title="Again")
    text = visible(client.get(duplicate.get_absolute_url()))
    assert "Status Possible duplicate: Held (2017) (not counted in the totals)" in text
    assert "May be described again by: Again (2017)" in visible(client.get(statuses.get_absolute_url()))


def test_api_lists_confirmed_programs_with_their_status(client, statuses):
    data = client.get("/api/v1/programs/").json()
    assert [(p["title"], p["status"]) for p in data["results"]] == [("Held", "confirmed")]
    every = client.get("/api/v1/programs/?status=all").json()
    assert {p["status"] for p in every["results"]} == {"confirmed", "announced", "possible_duplicate"}
    stats = client.get("/api/v1/stats/").json()
    assert (stats["programs"], stats["headcount"], stats["status"]) == (1, 20, "confirmed")
    assert stats["not_counted"] == [
        {"status": "announced", "programs": 1, "headcount": 15},
        {"status": "possible_duplicate", "programs": 1, "headcount": None},
    ]


def test_api_names_the_record_a_possible_duplicate_may_repeat(client, statuses):
    again = Program.objects.get(title="Again")
    data = client.get(f"/api/v1/programs/{again.slug}/").json()
    assert data["status"] == "possible_duplicate"
    assert data["duplicate_of"]["slug"] == statuses.slug and data["duplicate_of"]["url"].endswith(f"/{statuses.slug}/")
    assert client.get(f"/api/v1/programs/{statuses.slug}/").json()["duplicate_of"] is None


def test_agreement_list_counts_confirmed_programs(client, statuses):

    agreement = AgreementFactory(title="Exchange MOU", slug="exchange-mou")
    Program.objects.filter(title__in=["Held", "Announced"]).update(agreement=agreement)
    assert "· 1 program Parties" in visible(client.get("/agreements/"))
    assert "Announced in advance: not counted in the totals" in visible(client.get("/agreements/exchange-mou/"))
