"""Detail pages without the page cache, in-process: a program, a city and an agreement page, p50 and p95.

    .ci/with-postgres .venv/bin/python bench/detail_pages.py               # loads 50,000 programs first
    DATABASE_URL=postgres://… .venv/bin/python bench/detail_pages.py --no-generate [--code ../before]

Against the database in ``DATABASE_URL`` (loaded with ``generate_scale_data --programs N --participants 0
--cities 5000`` unless ``--no-generate``; it adds an agreement with ``--agreement-programs`` programs when no
program has one), with ``PAGE_CACHE_SECONDS=0`` and ``DEBUG=0``, Django's test
client sends ``--requests`` requests to each of: programs picked by ``md5(slug)`` (a different one each
request), the busiest target city, the agreement with the most programs (pages 1 and the last). Each page is
requested once before timing, so the facet index of the generation is built (as a worker does at its
first request). ``--code`` imports the portal from another checkout, so before and after a change can be
timed one after the other against the same server. Prints the machine's load average beside the figures.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def add_agreement(size, city_slug):
    """The synthetic data has no agreement: one signed by the busiest city, with ``size`` programs under it
    (the issue's agreement page had 550)."""
    from cities.models import Agreement, City  # noqa: PLC0415  (after django.setup())
    from exchange_portal.pagecache import registry_changed  # noqa: PLC0415
    from programs.models import Program  # noqa: PLC0415

    agreement = Agreement.objects.create(
        title="Bench agreement", slug="bench-agreement", kind=Agreement.Kind.choices[0][0]
    )
    agreement.party_cities.add(City.objects.get(slug=city_slug))
    chosen = Program.objects.order_by("slug").values_list("pk", flat=True)[:size]
    Program.objects.filter(pk__in=list(chosen)).update(agreement=agreement)
    registry_changed()


def count_queries(connection, request):
    """How many SQL statements ``request()`` runs."""
    statements = []

    def counted(execute, sql, *args):
        statements.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(counted):
        request()
    return statements


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--programs", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--agreement-programs", type=int, default=550)
    parser.add_argument("--no-generate", action="store_true")
    options = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        sys.exit("DATABASE_URL is not set: run under .ci/with-postgres or point it at a PostgreSQL server.")
    code = options.code.resolve()
    sys.path.insert(0, str(code))
    os.chdir(code)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="exchange_portal.settings",
        PAGE_CACHE_SECONDS="0",
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-" + "x" * 50),
        ALLOWED_HOSTS="testserver",
        DATABASE_STATEMENT_TIMEOUT="0",
    )
    import django  # noqa: PLC0415  (after the path and the settings are chosen)

    django.setup()
    logging.getLogger("exchange_portal.requests").setLevel(logging.WARNING)  # a line per request otherwise
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    if not options.no_generate:
        call_command("migrate", verbosity=0)
        call_command("generate_scale_data", programs=options.programs, participants=0, cities=5000, verbosity=0)

    def rows(statement):
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return cursor.fetchall()

    programs = [
        f"/programs/{slug}/"
        for (slug,) in rows(f"SELECT slug FROM programs_program ORDER BY md5(slug) LIMIT {options.requests}")  # noqa: S608
    ]
    ((city, city_programs),) = rows(
        """SELECT c.slug, count(*) FROM cities_city c JOIN programs_program_target_cities l ON l.city_id = c.id
        GROUP BY c.slug ORDER BY count(*) DESC, c.slug LIMIT 1"""
    )
    if not rows("SELECT 1 FROM programs_program WHERE agreement_id IS NOT NULL LIMIT 1"):
        add_agreement(options.agreement_programs, city)
    ((agreement, agreement_programs),) = rows(
        """SELECT a.slug, count(*) FROM cities_agreement a JOIN programs_program p ON p.agreement_id = a.id
        GROUP BY a.slug ORDER BY count(*) DESC, a.slug LIMIT 1"""
    )
    last_page = max(1, -(-agreement_programs // 25))
    cases = {
        "program detail (a different program each request)": programs,
        f"city detail ({city}, {city_programs} programs)": [f"/cities/{city}/"],
        f"agreement detail ({agreement_programs} programs), page 1": [f"/agreements/{agreement}/"],
        f"agreement detail, page {last_page}": [f"/agreements/{agreement}/?page={last_page}"],
    }
    client = Client()
    print(f"code: {code}")
    print(f"programs: {rows('SELECT count(*) FROM programs_program')[0][0]:,}, requests per page: {options.requests}")
    print(f"load average before: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    print("| page | p50 ms | p95 ms | queries |")
    print("| --- | --- | --- | --- |")
    for name, urls in cases.items():
        for url in urls[:1]:
            assert client.get(url).status_code == 200, url  # builds the facet index once
        queries = count_queries(connection, lambda url=urls[0]: client.get(url))
        timings = []
        for number in range(options.requests):
            url = urls[number % len(urls)]
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"| {name} | {statistics.median(timings):.1f} | {percentile(timings, 0.95):.1f} | {len(queries)} |")
    print(f"load average after: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
