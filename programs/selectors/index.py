"""The facet index: every program's year, host, mode, format, status, themes, countries, cities and
networks as compressed bitmaps of program ids (pyroaring), built once per registry generation in each
worker and shared by every request of that generation.

A count under some filters is then an intersection of bitmaps, not a GROUP BY: the eight facets of a
list page over 50,000 programs take about a millisecond. Headcounts are held beside the bitmaps as bit
slices (slice k holds the programs whose headcount has bit k set), so the headcount of any set of
programs is a few intersections too.

The SQL of ``facets.SqlCounts`` stays the reference (a property test checks that both give the same
figures), and the fallback: while one thread of a worker builds the index, the others count in SQL, and
a filter the index does not hold (the search text) selects its programs in SQL, as a set of ids.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection
from pyroaring import FrozenBitMap

from exchange_portal import pagecache

from ..models import Program, TargetCountry
from ..selection import Selection

# The facets whose values the index holds, each with the query of its (program id, value) pairs.
PROGRAM_COLUMNS = ("year", "host", "mode", "format", "status")
LINKS = {
    "theme": (Program.themes.through, "theme"),
    "city": (Program.target_cities.through, "city"),
    "network": (Program.networks.through, "network"),
    "country": (TargetCountry, "country"),
}
FACETS = (*PROGRAM_COLUMNS, *LINKS)
EMPTY = FrozenBitMap()
# How many searches' programs an index keeps (each a compressed bitmap: a few kB at most).
SEARCHES_KEPT = 64
_searches_lock = threading.Lock()


def _groups(model, columns, ids="id", where=""):
    """(values of ``columns``, FrozenBitMap of program ids) per distinct value of ``columns`` in
    ``model``'s table: one GROUP BY whose ids come as one comma-separated string per group, which Python
    parses far faster than it converts a row per program."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(column).column) for column in columns)
    program = quote(model._meta.get_field(ids).column)
    if connection.vendor == "postgresql":
        aggregate = f"STRING_AGG(CAST({program} AS text), ',')"
    else:
        aggregate = f"GROUP_CONCAT({program}, ',')"
    # Table and column names come from the models, never from a request.
    sql = f"SELECT {names}, {aggregate} FROM {quote(model._meta.db_table)} {where} GROUP BY {names}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for row in cursor.fetchall():
            yield row[:-1], FrozenBitMap(map(int, row[-1].split(",")))


def _union(bitmaps):
    bitmaps = list(bitmaps)
    return FrozenBitMap.union(*bitmaps) if bitmaps else EMPTY


@dataclass
class FacetIndex:
    generation: object
    programs: FrozenBitMap
    values: dict[str, dict[object, FrozenBitMap]]
    reported: FrozenBitMap  # the programs that reported a headcount
    headcount_bits: tuple[FrozenBitMap, ...]
    build_seconds: float = 0.0
    # The programs of the last searches asked of the database, by the filters' values (the search text).
    searches: OrderedDict = field(default_factory=OrderedDict, repr=False)
    # Other figures of the generation that every request would otherwise ask again (``kept``).
    figures: dict = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, generation=None):
        started = time.perf_counter()
        # The programs grouped by all five columns at once (a few thousand groups), then each column's
        # values as unions of those groups: one scan of the programs instead of five.
        cells = list(_groups(Program, PROGRAM_COLUMNS))
        values = {}
        for position, name in enumerate(PROGRAM_COLUMNS):
            parts = {}
            for key, programs in cells:
                parts.setdefault(key[position], []).append(programs)
            values[name] = {value: _union(bitmaps) for value, bitmaps in parts.items()}
        for name, (model, column) in LINKS.items():
            values[name] = {key[0]: programs for key, programs in _groups(model, (column,), ids="program")}
        headcounts = [
            (key[0], programs)
            for key, programs in _groups(Program, ("headcount",), where="WHERE headcount IS NOT NULL")
        ]
        width = max((headcount for headcount, _ in headcounts), default=0).bit_length()
        index = cls(
            generation=generation,
            programs=_union(programs for _, programs in cells),
            values=values,
            reported=_union(programs for _, programs in headcounts),
            headcount_bits=tuple(
                _union(programs for headcount, programs in headcounts if headcount >> bit & 1) for bit in range(width)
            ),
        )
        index.build_seconds = time.perf_counter() - started
        return index

    @property
    def memory_bytes(self):
        """The bytes of all the bitmaps' containers (what the bench reports)."""
        return sum(_bytes(bitmap.get_statistics()) for bitmap in self.bitmaps())

    def bitmaps(self):
        yield self.programs
        yield self.reported
        yield from self.headcount_bits
        for bitmaps in self.values.values():
            yield from bitmaps.values()

    def headcount(self, programs):
        """The sum of the reported headcounts of ``programs`` (0 when none reported)."""
        return sum(programs.intersection_cardinality(bits) << bit for bit, bits in enumerate(self.headcount_bits))

    def selected_in_sql(self, key, select):
        """The ids ``select()`` returns, kept for the generation: a reader refining the filters around one
        search asks the database for that search once."""
        with _searches_lock:
            if key in self.searches:
                self.searches.move_to_end(key)
                return self.searches[key]
        programs = FrozenBitMap(select())
        with _searches_lock:
            self.searches[key] = programs
            while len(self.searches) > SEARCHES_KEPT:
                self.searches.popitem(last=False)
        return programs

    def neighbours(self, program, themes, year, limit):
        """The programs that share the most of ``themes`` with ``program`` (of ``year``), as the fewest
        groups that hold ``limit`` of them (all when fewer): each group the programs sharing as many
        themes and held in one year, in the related list's order (more themes shared, then the nearer
        year, then the later). Only the order within a group, by title, is left to the database."""
        on_themes = [self.values["theme"].get(theme, EMPTY) for theme in set(themes)]
        # at_least[n]: the programs on at least n of the themes, built one theme at a time.
        at_least = [self.programs] + [EMPTY] * len(on_themes)
        for bitmap in on_themes:
            for shared in range(len(on_themes), 0, -1):
                at_least[shared] = at_least[shared] | (at_least[shared - 1] & bitmap)
        years = sorted(self.values["year"], key=lambda other: (abs(other - year), -other))
        groups, found = [], 0
        for shared in range(len(on_themes), 0, -1):
            exactly = at_least[shared] - (at_least[shared + 1] if shared < len(on_themes) else EMPTY)
            exactly = exactly - FrozenBitMap([program])
            for other in years if exactly else ():
                group = exactly & self.values["year"][other]
                if group:
                    groups.append(group)
                    found += len(group)
                    if found >= limit:
                        return groups
        return groups

    def union(self, name, values):
        found = [self.values[name][value] for value in values if value in self.values[name]]
        return FrozenBitMap.union(*found) if found else EMPTY


def _bytes(statistics):
    return sum(statistics[f"n_bytes_{kind}_containers"] for kind in ("array", "bitset", "run"))


class IndexedSelection:
    """The programs a ``Selection`` chooses, as bitmaps: one per filter that narrows, intersected on
    demand (all of them for the results, all but a facet's own for that facet's counts)."""

    def __init__(self, index: FacetIndex, selection: Selection, programs):
        self.index = index
        self.selection = selection
        masks = {}
        for facet in FACETS:
            if selection.narrows(facet):
                if facet == "year":  # a range: the registry's years in it
                    values = filter(selection.passes(facet), index.values[facet])
                else:
                    values = selection.chosen(facet)
                masks[facet] = index.union(facet, values)
        text = selection.without(*FACETS)
        if text.text:
            # The search text: its programs from the database (every indexed filter left out).
            masks["sql"] = index.selected_in_sql(text, lambda: text.programs(programs).values_list("pk", flat=True))
        self.masks = masks
        self._bases = {}

    @classmethod
    def of(cls, index, filterset):
        """The selection of ``filterset`` in ``index``, made once per filterset: a list page asks for it
        for the facets, the results and the summary, ``/stats/`` for the facets and the figures."""
        made = getattr(filterset, "_index_selection", None)
        if made is None or made.index is not index:
            made = filterset._index_selection = cls(index, filterset.selection, filterset.queryset)
        return made

    def programs(self, ignore=None):
        """The programs under every filter but facet ``ignore``'s."""
        if ignore not in self._bases:
            masks = [mask for name, mask in self.masks.items() if name != ignore]
            self._bases[ignore] = FrozenBitMap.intersection(*masks) if masks else self.index.programs
        return self._bases[ignore]

    def counts(self, facet):
        """{value: programs} under the other filters, for every value with at least one program."""
        base = self.programs(ignore=facet)
        counts = {}
        for value, bitmap in self.index.values[facet].items():
            count = bitmap.intersection_cardinality(base)
            if count:
                counts[value] = count
        return counts

    def figures(self, programs):
        """Programs, reported headcount (None when none reported) and unreported programs of a bitmap."""
        reported = programs.intersection_cardinality(self.index.reported)
        return len(programs), (self.index.headcount(programs) if reported else None), len(programs) - reported

    def summary(self):
        programs, headcount, unreported = self.figures(self.programs())
        return {
            "programs": programs,
            "headcount": headcount,
            "reported": programs - unreported,
            "unreported": unreported,
        }

    def set_aside(self):
        """The programs of each status other than confirmed that the other filters select, with their
        headcount: what the counts leave out, shown apart and labelled."""
        base = self.programs(ignore="status")
        figures = []
        for value, label in Program.Status.choices:
            if value == Program.Status.CONFIRMED or value not in self.index.values["status"]:
                continue
            programs = self.index.values["status"][value] & base
            if programs:
                figures.append(
                    {
                        "status": value,
                        "label": str(label),
                        "programs": len(programs),
                        "headcount": self.index.headcount(programs),
                    }
                )
        return figures


_lock = threading.Lock()
_current: FacetIndex | None = None
_epoch = 0  # raised by forget(): an index built before a write in this process is not kept


def forget():
    """Drops this worker's index: called on every write to the registry in this process (the generation
    changes only when the write commits, and tests never commit), and by tests between cases."""
    global _current, _epoch
    _epoch += 1
    _current = None


def current():
    """The index of the registry's current generation, built on first use in this worker; None when the
    index is off (``FACET_INDEX``), the generation cannot be read, or another thread is building it (the
    caller then counts in SQL rather than wait)."""
    if not settings.FACET_INDEX:
        return None
    try:
        generation = pagecache.generation()
    except DatabaseError:
        return None
    return _index_for(generation)


def _index_for(generation):
    """This worker's index of ``generation``: built unless it has it, None while another thread builds."""
    global _current
    index = _current
    if index is not None and index.generation == generation:
        return index
    if not _lock.acquire(blocking=False):
        return None
    try:
        index = _current
        if index is None or index.generation != generation:
            epoch = _epoch
            index = FacetIndex.build(generation)
            if epoch == _epoch:
                _current = index
        return index
    finally:
        _lock.release()


def kept(name, compute):
    """``compute()``, kept with this worker's index until the generation changes (computed afresh when
    there is no index): for figures of the whole registry that many pages show."""
    index = current()
    if index is None:
        return compute()
    if name not in index.figures:
        index.figures[name] = compute()
    return index.figures[name]
