"""Python integers or pyroaring for the facet index (programs/selectors/index.py)? The measurement behind the
choice: 50,000 programs, 5,000 cities with one to three per program (the bench's shape), the city bitmaps
built both ways, then every city counted under a one-year selection and under everything.

    .venv/bin/python bench/bitmap_choice.py

On the 2-core development machine (2026-11-27): ints built in 245 ms, took 31.9 MB and counted the 5,000
cities in 16.7 ms (22.4 ms under everything); pyroaring built in 100 ms, took 0.4 MB (tracemalloc sees
Python's allocations; the bench's RSS figure includes the C side) and counted in 0.67 ms. A Python int is as
wide as its highest bit, so a city with three programs costs as much as one with thousands.
"""

import random
import time
import tracemalloc

from pyroaring import FrozenBitMap

PROGRAMS, CITIES, YEARS = 50_000, 5_000, 17


def main():
    random.seed(1)
    cities = [random.sample(range(CITIES), random.randint(1, 3)) for _ in range(PROGRAMS)]
    years = [2005 + (i * YEARS) // PROGRAMS for i in range(PROGRAMS)]

    def build_ints():
        bitmaps = {}
        for program, linked in enumerate(cities):
            for city in linked:
                bitmaps[city] = bitmaps.get(city, 0) | (1 << program)
        return bitmaps

    def build_roaring():
        lists = {}
        for program, linked in enumerate(cities):
            for city in linked:
                lists.setdefault(city, []).append(program)
        return {city: FrozenBitMap(programs) for city, programs in lists.items()}

    selections = {
        "ints": (
            sum(1 << program for program, year in enumerate(years) if year == 2019),
            (1 << PROGRAMS) - 1,
            lambda bitmap, base: (bitmap & base).bit_count(),
        ),
        "pyroaring": (
            FrozenBitMap(program for program, year in enumerate(years) if year == 2019),
            FrozenBitMap(range(PROGRAMS)),
            lambda bitmap, base: bitmap.intersection_cardinality(base),
        ),
    }
    for name, build in (("ints", build_ints), ("pyroaring", build_roaring)):
        tracemalloc.start()
        started = time.perf_counter()
        bitmaps = build()
        built = time.perf_counter() - started
        memory = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        one_year, everything, count = selections[name]
        timings = []
        for base in (one_year, everything):
            started = time.perf_counter()
            for _ in range(10):
                {city: count(bitmap, base) for city, bitmap in bitmaps.items()}
            timings.append((time.perf_counter() - started) * 100)
        print(
            f"{name:>9}: built in {built * 1000:.0f} ms, {memory / 1e6:.1f} MB; {len(bitmaps):,} cities counted in "
            f"{timings[0]:.2f} ms (one year), {timings[1]:.2f} ms (everything)"
        )


if __name__ == "__main__":
    main()
