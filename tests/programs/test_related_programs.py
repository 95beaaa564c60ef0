"""A program's related programs: the facet index ranks them exactly as the SQL does, ties included, and
the program page asks the database a fixed number of queries for them."""

import random

import pytest

from programs.models import Program
from programs.selectors import index as facet_index
from programs.selectors.related import related_programs
from tests.factories import InstituteFactory, ProgramFactory, ThemeFactory


def tied_registry(seed=2005, size=40):
    """Programs on few themes, few years and few titles, so that many share as many themes, lie as far
    from a program's year on either side, and carry the same title: every tie-break of the ranking counts.
    Some programs have no theme, and some other status than confirmed (related programs include them)."""
    chance = random.Random(seed)
    themes = [ThemeFactory(name=f"Theme {letter}", slug=f"theme-{letter}") for letter in "abcd"]
    host = InstituteFactory(name="Host", slug="host")
    for number in range(size):
        ProgramFactory(
            title=chance.choice(["Alpha", "beta", "Gamma", "Ämter", "alpha"]),
            slug=f"program-{number}",
            year=chance.randint(2005, 2011),
            host=host,
            themes=chance.sample(themes, chance.randint(0, 3)),
            status=chance.choice(list(Program.Status.values)),
        )
    facet_index.forget()


def ranked(program, limit):
    return [other.slug for other in related_programs(program, limit)]


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [1, 3, 6, 25])
def test_the_facet_index_ranks_related_programs_as_sql_does(settings, limit):
    tied_registry()
    programs = list(Program.objects.prefetch_related("themes").order_by("pk"))
    settings.FACET_INDEX = True
    from_index = {program.slug: ranked(program, limit) for program in programs}
    assert facet_index.current() is not None  # the index answered, not the fallback
    settings.FACET_INDEX = False
    from_sql = {program.slug: ranked(program, limit) for program in programs}
    assert from_index == from_sql
    # The registry has ties for the index to break: a program with more related programs than the limit.
    assert any(len(slugs) == limit for slugs in from_sql.values())


@pytest.mark.django_db
def test_related_programs_share_a_theme_and_never_include_the_program(settings):
    tied_registry()
    for program in Program.objects.prefetch_related("themes"):
        related = related_programs(program, 40)
        themes = {theme.pk for theme in program.themes.all()}
        assert program.slug not in [other.slug for other in related]
        assert all(themes & {theme.pk for theme in other.themes.all()} for other in related)
        if not themes:
            assert related == []


@pytest.mark.django_db
@pytest.mark.parametrize("facet_index_on", [True, False])
def test_program_page_queries_do_not_grow_with_the_related_programs(
    client, settings, django_assert_num_queries, facet_index_on
):
    settings.FACET_INDEX = facet_index_on
    tied_registry(size=60)
    program = Program.objects.filter(themes__isnull=False).order_by("pk").first()
    client.get(program.get_absolute_url())  # builds this worker's facet index of the generation
    # The program with its host, agreement and duplicate; its duplicates, themes, networks, target
    # cities and countries, open flags; the related programs and their themes; with the index, the
    # registry's generation first.
    with django_assert_num_queries(9 + facet_index_on):
        response = client.get(program.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["related"]) == 6
