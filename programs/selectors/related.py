"""A program's related programs: the others that share the most themes with it, nearest years first
(``ProgramQuerySet.related_to`` says the order in SQL). With the facet index the ranking comes from its
bitmaps and the database fetches only the few programs shown; without it, one GROUP BY over the
program–theme link table ranks every program on those themes (about 70 ms at 50,000 programs)."""

from django.db.models import Case, IntegerField, Value, When

from ..models import Program
from . import index as facet_index

RELATED = 6


def related_programs(program, limit=RELATED):
    """The ``limit`` programs related to ``program`` (its themes prefetched), ready to list."""
    index = facet_index.current()
    if index is None:
        return list(Program.objects.related_to(program, limit))
    groups = index.neighbours(program.pk, [theme.pk for theme in program.themes.all()], program.year, limit)
    if not groups:
        return []
    # The groups are in the list's order; within one the database orders by title (its collation), then id.
    rank = Case(
        *[When(pk__in=list(group), then=Value(position)) for position, group in enumerate(groups)],
        output_field=IntegerField(),
    )
    order = ("related_rank", "title", "pk")
    candidates = Program.objects.filter(pk__in=[pk for group in groups for pk in group]).annotate(related_rank=rank)
    # The ``limit`` first ids in a subquery, so that only the rows shown are read whole (their targets
    # are a subquery each): the last group often holds hundreds of programs.
    chosen = candidates.order_by(*order).values("pk")[:limit]
    return list(Program.objects.filter(pk__in=chosen).annotate(related_rank=rank).order_by(*order).for_listing())
