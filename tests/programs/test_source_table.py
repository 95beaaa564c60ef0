"""The published table's parser, row by row and format by format (no database)."""

from collections import Counter
from datetime import date

import pytest

from programs.sources import rules, source_table

SOURCE_TEXT = source_table.source_path().read_text(encoding="utf-8")
ROWS = source_table.parse_table(SOURCE_TEXT)
BY_NUMBER = {row.number: row for row in ROWS}


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        # day ranges with the end's month given
        ("2006.10.23-11.1", date(2006, 10, 23), date(2006, 11, 1), "day"),
        ("2008.8.28-9.5", date(2008, 8, 28), date(2008, 9, 5), "day"),
        ("2008.3.11~3.12", date(2008, 3, 11), date(2008, 3, 12), "day"),
        # spaces inside the numbers and around the separator
        ("2013. 9.1 ~ 9. 8", date(2013, 9, 1), date(2013, 9, 8), "day"),
        ("2015.11.22 ~11.29", date(2015, 11, 22), date(2015, 11, 29), "day"),
        ("2015.11.30 ~ 12.6", date(2015, 11, 30), date(2015, 12, 6), "day"),
        ("2016. 2.21~2.28", date(2016, 2, 21), date(2016, 2, 28), "day"),
        # the end repeats the year
        ("2015.10.27~2015.10.31", date(2015, 10, 27), date(2015, 10, 31), "day"),
        # the end gives only a day: same month as the start
        ("2021.4.28 ~ 30", date(2021, 4, 28), date(2021, 4, 30), "day"),
        ("2012.7.26-27", date(2012, 7, 26), date(2012, 7, 27), "day"),
        ("2021.9.6 ~ 24", date(2021, 9, 6), date(2021, 9, 24), "day"),
        # one day
        ("2017.4.21", date(2017, 4, 21), date(2017, 4, 21), "day"),
        # months only, across years: first day of the first month to last day of the last
        ("2008.8.~2010.2.", date(2008, 8, 1), date(2010, 2, 28), "month"),
        ("2009.8.-2011.8.", date(2009, 8, 1), date(2011, 8, 31), "month"),
        # over New Year: an earlier end month means the next year
        ("2019.12.28~1.3", date(2019, 12, 28), date(2020, 1, 3), "day"),
    ],
)
def test_period_formats_are_read(text, start, end, precision):
    period = source_table.parse_period(text)
    assert (period.start, period.end, period.precision) == (start, end, precision)
    assert period.issue is None


def test_period_with_month_precision_keeps_the_month():
    period = source_table.parse_period("2012.8.-2014.8.")
    assert period.precision == "month"
    assert (period.start.month, period.end.month) == (8, 8)
    assert (period.start.day, period.end.day) == (1, 31)


def test_period_ending_before_it_starts_stores_no_dates_and_says_why():
    period = source_table.parse_period("2021.5.20 ~ 5.9")
    assert (period.start, period.end, period.precision) == (None, None, "")
    assert period.issue.code == "end_before_start"
    assert "2021.5.20 ~ 5.9" in period.issue.message


@pytest.mark.parametrize("text", ["2019.2.30-3.2", "2019.13.1-13.5", "sometime in 2019", "2019.5"])
def test_unreadable_or_impossible_period_is_flagged_not_guessed(text):
    period = source_table.parse_period(text)
    assert (period.start, period.end) == (None, None)
    assert period.issue.code == "unparsed_period"


def test_every_row_of_the_table_becomes_one_record():
    data_lines = source_table.table_lines(SOURCE_TEXT)
    assert len(ROWS) == len(data_lines) == 175
    assert [row.text for row in ROWS] == [line for _number, line in data_lines]
    assert [row.number for row in ROWS] == list(range(1, 176))


def test_headcounts_add_up_to_the_table_not_the_stated_total():
    # Independent of the parser: the headcount is the last number on each data line.
    expected = sum(int(line.split()[-1]) for _n, line in source_table.table_lines(SOURCE_TEXT))
    assert sum(row.headcount for row in ROWS) == expected == 2538
    stated = source_table.parse_stated_totals(SOURCE_TEXT)
    assert (stated.first_year, stated.last_year) == (2005, 2021)
    assert (stated.programs, stated.participants) == (168, 2425)


def test_rows_per_year_follow_the_year_column():
    per_year = Counter(row.year for row in ROWS)
    assert per_year == {
        2006: 1,
        2007: 1,
        2008: 9,
        2009: 10,
        2010: 14,
        2011: 16,
        2012: 16,
        2013: 15,
        2014: 9,
        2015: 11,
        2016: 13,
        2017: 15,
        2018: 15,
        2019: 17,
        2020: 4,
        2021: 9,
    }


def test_location_column_is_carried_down_to_the_rows_below():
    first, second = BY_NUMBER[3], BY_NUMBER[4]  # 2008: the location is written on the first row only
    assert first.label == "Seoul Human Resource Development Center" and not first.label_carried
    assert second.label == first.label and second.label_carried
    degree = BY_NUMBER[11]
    assert degree.label == "Korea University" and not degree.label_carried
    assert BY_NUMBER[12].label == "Seoul Human Resource Development Center"  # next year resets it


def test_2015_rows_are_grouped_by_format_not_location():
    labels = [row.label for row in ROWS if row.year == 2015]
    assert Counter(labels) == {
        "Customized Training": 1,
        "ICLEI Congress_Internal Training": 4,
        "Jeju Forum_Collaborative Training": 5,
        "Forum": 1,
    }
    for label in set(labels):
        host, stated = rules.host_for(label)
        assert host == "shrdc" and stated is False


def test_html_remnant_is_removed_from_the_title_and_flagged():
    row = next(row for row in ROWS if "/td>" in row.source_title)
    assert row.title == "Welfare Graduate Program, University of Minnesota"
    assert [issue.code for issue in row.issues] == ["html_remnant"]


def test_city_name_typo_is_corrected_with_a_flag_and_the_source_kept():
    row = next(row for row in ROWS if "Kviv" in row.source_title)
    assert row.title == "Kyiv City Smart City Training Program"
    assert row.source_title == "Kviv City Smart City Training Program"
    assert [issue.code for issue in row.issues] == ["city_name_typo"]
    assert rules.cities_for(row.title) == ["kyiv"]


def test_titles_keep_the_source_text_apart_from_listed_corrections():
    corrected = {row.number for row in ROWS if row.title != " ".join(row.source_title.split())}
    flagged = {row.number for row in ROWS if any(i.field == "title" for i in row.issues)}
    assert corrected == flagged
    # 139 CityNet, 168/170/171 "(online)": spacing and capitals, corrected with a flag like the typos.
    assert corrected == {59, 103, 113, 114, 118, 119, 120, 124, 137, 139, 143, 168, 170, 171}


def test_only_the_reversed_period_fails_to_give_dates():
    undated = [row for row in ROWS if row.period.start is None]
    assert [(row.number, row.source_period) for row in undated] == [(170, "2021.5.20 ~ 5.9")]
    assert all(row.period.end >= row.period.start for row in ROWS if row.period.start)


def test_every_dated_row_starts_in_its_listed_year():
    assert all(row.period.start.year == row.year for row in ROWS if row.period.start)
    assert not any(issue.code == "year_mismatch" for row in ROWS for issue in row.issues)


def test_source_period_text_is_kept_exactly():
    climate_2013 = next(row for row in ROWS if row.title == "Climate Change Program for Metropolis Member Cities")
    assert climate_2013.source_period == "2013. 9.1 ~ 9. 8"
    assert climate_2013.source_period in climate_2013.text
    waterworks_2015 = next(row for row in ROWS if row.year == 2015 and row.title == "Waterworks Policy")
    assert waterworks_2015.source_period == "2015.11.22 ~11.29"


def test_a_row_without_columns_is_an_error_not_a_skip():
    broken = SOURCE_TEXT.replace(
        "2007 Seoul Human Resource Development Center 2007.10.15-10.21",
        "2007 Seoul Human Resource Development Center (dates to follow)",
    )
    with pytest.raises(source_table.TableError, match="Line 2[0-9] is not a table row"):
        source_table.parse_table(broken)


def test_missing_table_header_is_an_error():
    with pytest.raises(source_table.TableError, match="header"):
        source_table.parse_table("no table here")


@pytest.mark.parametrize(
    ("title", "themes"),
    [
        ("Urban Transportation Policy for Beijing Civil Servants", ["transportation"]),
        ("Mongolia ITS Training Program", ["smart-city", "transportation"]),
        ("India Delhi Waste Management & Environmental Policy Training Program", ["environment"]),
        ("Water Management Training Program", ["water"]),
        ("WeGO Member Cities Smart City Training Program (Online)", ["smart-city"]),
        ("e-Government – Local Taxes Training Program", ["e-government", "local-finance"]),
        ("Training for Civil Servants in Sister Cities", ["city-administration"]),
    ],
)
def test_theme_rules(title, themes):
    assert rules.themes_for(title) == themes


def test_target_and_network_rules_read_the_title():
    title = "KOICA Commissioned (Tax Policy for Uzbek Civil Servants)"
    assert rules.networks_for(title) == ["koica"]
    assert rules.countries_for(title) == ["UZ"]
    assert rules.cities_for("Cairo Smart City Training Program (Online)") == ["cairo"]
    assert rules.mode_for("Cairo Smart City Training Program (Online)") == "online"
    assert rules.mode_for("Cairo Smart City Training Program") == "onsite"
    assert rules.networks_for("UCLG-Metropolis Member Cities Urban Management") == ["metropolis", "uclg"]
    assert rules.networks_for("Sustainable Mobility Workshop with UCLG-ASPAC") == ["uclg-aspac"]


def test_every_location_label_in_the_table_has_a_host_rule():
    assert {row.label for row in ROWS} <= set(rules.LOCATION_RULES)
