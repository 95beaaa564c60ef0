"""The classification slips found by checking the source table row by row (issue 15), one test per fix;
each fails on the rules as they were before the fix. The source's text stays verbatim beside every
correction (``source_title``), and each correction raises a flag."""

import pytest

from cities.models import Network
from programs.models import DataQualityFlag, Program
from programs.sources import reference, rules, source_table
from programs.sources.source_table import SOURCE_DOCUMENT as TABLE

BRT = "Training on Bus Rapid Transit(BRT) Planing and Operations"


def document_program(slug):
    return next(spec for spec in reference.DOCUMENT_PROGRAMS if spec["slug"] == slug)


def test_brt_planning_and_operations_is_transport_not_urban_planning():
    title, _issues = rules.clean_title(BRT)
    assert rules.themes_for(title) == ["transportation"]
    # Urban planning still comes from the words that say it.
    assert "urban-planning" in rules.themes_for("Urban Planning Policy Training Program")
    assert "urban-planning" in rules.themes_for("Sustainable Cities Workshop")


@pytest.mark.parametrize(
    ("title", "themes"),
    [
        ("Mongolia ITS Training Program", ["smart-city", "transportation"]),
        ("Seoul and its Partners: Welfare Policy", ["welfare"]),
        ("Sharing Its Experience of Waste Management", ["environment"]),
    ],
)
def test_its_is_matched_as_the_acronym_only(title, themes):
    assert rules.themes_for(title) == themes


def test_university_of_minnesota_is_neither_a_network_nor_a_us_target():
    title = "Welfare Graduate Program, University of Minnesota"
    assert rules.networks_for(title) == []
    assert rules.countries_for(title) == []
    assert "university-of-minnesota" not in [row[0] for row in reference.NETWORKS]


def test_the_2020_symposium_flags_its_inferred_host_like_2011_and_2012():
    for slug in (
        "2020-taipei-municipal-symposium-public-centered-e-services",
        "2011-city-administration-learning-sessions",
        "2012-city-administration-learning-sessions",
    ):
        codes = {(code, field) for code, field, _message in document_program(slug)["flags"]}
        assert ("host_inferred", "host") in codes, slug


def test_the_2016_jeju_training_refers_to_table_row_107():
    flags = document_program("2016-e-government-training-for-local-officials-jeju")["flags"]
    overlaps = [message for code, _field, message in flags if code == "overlaps"]
    assert len(overlaps) == 1
    assert "row 107" in overlaps[0] and "WeGO e-Government Training Program" in overlaps[0]


@pytest.mark.parametrize(
    ("source_title", "title"),
    [
        (BRT, "Training on Bus Rapid Transit (BRT) Planning and Operations"),
        (
            "CityNet Member Cities Transportation Policy Training Program",
            "CITYNET Member Cities Transportation Policy Training Program",
        ),
        (
            "GSEF Member City Officials Social Economy Training Program (online)",
            "GSEF Member City Officials Social Economy Training Program (Online)",
        ),
    ],
)
def test_cosmetic_slips_are_corrected_with_a_flag_and_the_source_kept(source_title, title):
    corrected, issues = rules.clean_title(source_title)
    assert corrected == title
    cosmetic = [issue for issue in issues if issue.code == "title_cosmetic"]
    assert len(cosmetic) == 1 and cosmetic[0].source_value == source_title
    # The program's address is made from the title without these corrections, so it does not change.
    assert rules.clean_title(source_title, cosmetic=False)[0] != title


def test_titles_already_written_well_raise_no_cosmetic_flag():
    for title in (
        "Bangkok City Human Resource Development (HRD) Training Program (Online)",
        "CITYNET Member Cities Transportation & BRT Training Program",
    ):
        assert rules.clean_title(title) == (title, [])


def test_the_source_states_73_masters_graduates():
    stated = source_table.stated_totals()
    assert (stated.graduates, stated.graduate_programs) == (73, "six")


@pytest.mark.django_db
def test_the_shipped_registry_carries_the_fixes(registry):
    brt = Program.objects.get(source_document=TABLE, source_locator="row 103")
    assert brt.title == "Training on Bus Rapid Transit (BRT) Planning and Operations"
    assert brt.source_title == BRT
    assert brt.slug == "2016-training-on-bus-rapid-transitbrt-planning-and-operations"  # address unchanged
    assert [theme.slug for theme in brt.themes.all()] == ["transportation"]
    assert set(brt.quality_flags.values_list("code", flat=True)) == {"title_typo", "title_cosmetic"}

    minnesota = Program.objects.get(slug="2012-welfare-graduate-program-university-of-minnesota")
    assert list(minnesota.networks.all()) == [] and minnesota.target_countries == []
    assert not Network.objects.filter(slug="university-of-minnesota").exists()

    symposium = Program.objects.get(slug="2020-taipei-municipal-symposium-public-centered-e-services")
    assert symposium.quality_flags.filter(code=DataQualityFlag.Code.HOST_INFERRED, field="host").exists()
    jeju = Program.objects.get(slug="2016-e-government-training-for-local-officials-jeju")
    assert "row 107" in jeju.quality_flags.get(code=DataQualityFlag.Code.OVERLAPS).message


@pytest.mark.django_db
def test_the_shipped_registry_records_each_programs_status(registry):
    statuses = dict(Program.objects.exclude(source_document=TABLE).values_list("slug", "status").order_by("slug"))
    assert statuses == {
        "2011-city-administration-learning-sessions": "possible_duplicate",
        "2012-city-administration-learning-sessions": "possible_duplicate",
        "2016-e-government-training-for-local-officials-jeju": "confirmed",
        "2017-taipei-civil-servants-exchange-training-in-gyeonggi": "announced",
        "2018-gyeonggi-civil-servants-exchange-training-in-taipei": "announced",
        "2020-taipei-municipal-symposium-public-centered-e-services": "confirmed",
    }
    duplicates = dict(Program.objects.filter(duplicate_of__isnull=False).values_list("slug", "duplicate_of__slug"))
    assert duplicates == {
        "2011-city-administration-learning-sessions": "2011-training-for-civil-servants-in-sister-cities",
        "2012-city-administration-learning-sessions": "2012-training-for-civil-servants-in-sister-cities",
    }
    assert set(Program.objects.from_source(TABLE).values_list("status", flat=True)) == {"confirmed"}
    # Every count: the table's 175 rows and 2 other confirmed records; 2017 as the source has it.
    assert Program.objects.confirmed().summary()["programs"] == 177
    assert Program.objects.confirmed().headcount_total() == 2538
    year_2017 = Program.objects.confirmed().filter(year=2017)
    assert (year_2017.count(), year_2017.headcount_total()) == (15, 199)
