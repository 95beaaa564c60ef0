"""Synthetic records at production scale, for benchmarks: cities, programs, participants, enrollments.

Everything is drawn from one seeded random generator, so the same arguments give the same database.
Rows are written in batches: with PostgreSQL's COPY when the database is PostgreSQL, with
``bulk_create`` otherwise. Synthetic records are marked (``source_document = "synthetic"`` on
cities and programs, an ``@synthetic.invalid`` address on participants) so that the generator can
refuse to mix them into a database that holds real records.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.text import slugify

from cities.models import City, Network
from exchange_portal import pagecache
from programs.models import Institute, Program, TargetCountry, Theme
from programs.sources import reference

from .models import Enrollment, Participant

SYNTHETIC = "synthetic"
EMAIL_DOMAIN = "synthetic.invalid"
FIRST_YEAR, LAST_YEAR = 2005, 2026

COUNTRIES = [
    "KR",
    "CN",
    "TW",
    "JP",
    "MN",
    "VN",
    "TH",
    "ID",
    "PH",
    "MY",
    "IN",
    "BD",
    "UZ",
    "KZ",
    "IR",
    "TR",
    "UA",
    "RU",
    "EG",
    "ET",
    "KE",
    "NG",
    "MZ",
    "TZ",
    "GH",
    "MX",
    "CO",
    "PE",
    "BO",
    "AR",
    "BR",
    "GT",
]
SYLLABLES = [
    "ba",
    "ra",
    "ko",
    "lin",
    "sa",
    "ten",
    "mu",
    "da",
    "pur",
    "an",
    "go",
    "shi",
    "vel",
    "ta",
    "mar",
    "no",
    "qi",
    "lo",
    "zan",
    "ri",
    "bad",
    "kan",
    "dor",
    "el",
]
GIVEN = [
    "Ana",
    "Bilal",
    "Chen",
    "Dara",
    "Elena",
    "Farid",
    "Grace",
    "Hyun",
    "Ivan",
    "Jia",
    "Kofi",
    "Lina",
    "Minh",
    "Nadia",
    "Omar",
    "Priya",
    "Quang",
    "Rosa",
    "Sami",
    "Tuya",
    "Umar",
    "Vera",
    "Wei",
    "Yusuf",
]
FAMILY = [
    "Abebe",
    "Bautista",
    "Cho",
    "Dlamini",
    "Estrada",
    "Fernando",
    "Gupta",
    "Hassan",
    "Ibrahim",
    "Jung",
    "Kim",
    "Lee",
    "Mensah",
    "Nguyen",
    "Okafor",
    "Park",
    "Rahman",
    "Santos",
    "Tran",
    "Wang",
]
POSITIONS = ["Director", "Deputy Director", "Senior Officer", "Policy Officer", "Engineer", "Planner"]
TITLE_PATTERNS = [
    "{theme} Training Program for {target}",
    "{theme} Policy Workshop with {target}",
    "{network} Member Cities {theme} Training Program",
    "{target} {theme} Training Program (Online)",
]


@dataclass(frozen=True)
class ScaleSpec:
    programs: int
    participants: int
    cities: int
    seed: int = 2005
    batch_size: int = 5000


class RealRecordsPresent(Exception):
    """The database holds non-synthetic records; generating would mix them with synthetic ones."""


def real_records_present() -> bool:
    return (
        Program.objects.exclude(source_document=SYNTHETIC).exists()
        or Participant.objects.exclude(email__endswith="@" + EMAIL_DOMAIN).exists()
    )


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _write(model, objects: Iterable, batch_size: int, advance: Callable[[int], None]) -> None:
    """Insert model instances (primary keys set by the caller) with COPY or bulk_create."""
    if connection.vendor == "postgresql":
        fields = model._meta.concrete_fields
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor underneath Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for batch in _batches(objects, batch_size):
                    for obj in batch:
                        # pre_save fills auto_now_add and similar fields, as bulk_create would.
                        copy.write_row([f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields])
                    advance(len(batch))
    else:
        for batch in _batches(objects, batch_size):
            model.objects.bulk_create(batch, batch_size=batch_size)
            advance(len(batch))


def _reset_sequences(models) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def ensure_vocabulary() -> tuple[list[Theme], list[Network], list[Institute]]:
    """Themes and networks from the reference data, and a set of host institutes."""
    for position, (slug, name, _ko, _zh, description) in enumerate(reference.THEMES):
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position, "description": description}
        )
    for slug, name, short_name, kind, website, _description in reference.NETWORKS:
        Network.objects.get_or_create(
            slug=slug, defaults={"name": name, "short_name": short_name, "kind": kind, "website": website}
        )
    seoul, _ = City.objects.get_or_create(
        slug="seoul", defaults={"name": "Seoul", "country": "KR", "source_document": SYNTHETIC}
    )
    institutes = list(Institute.objects.all())
    for number in range(len(institutes), 12):
        institutes.append(
            Institute.objects.create(
                name=f"Synthetic Training Institute {number + 1}",
                slug=f"synthetic-institute-{number + 1}",
                city=seoul,
                kind=Institute.Kind.TRAINING_CENTRE,
                source_document=SYNTHETIC,
            )
        )
    return list(Theme.objects.all()), list(Network.objects.all()), institutes


def generate(
    spec: ScaleSpec,
    *,
    allow_real: bool = False,
    progress: Callable[[str, int, int], None] = lambda stage, done, total: None,
) -> dict:
    """Fill the database with synthetic records; returns the number of rows written per table."""
    if not allow_real and real_records_present():
        raise RealRecordsPresent(
            "The database holds records that are not synthetic; refusing to add synthetic data to it."
        )
    rng = random.Random(spec.seed)
    written = {}
    with transaction.atomic():
        pagecache.registry_changed()  # COPY and bulk_create send no signals
        themes, networks, institutes = ensure_vocabulary()

        def stage(name, total):
            done = 0

            def advance(n):
                nonlocal done
                done += n
                progress(name, done, total)

            progress(name, 0, total)
            written[name] = total
            return advance

        # Cities
        first_city = _next_id(City)
        cities = []
        for offset in range(spec.cities):
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            cities.append(
                City(
                    pk=first_city + offset,
                    name=name,
                    name_en=name,
                    slug=f"synthetic-{slugify(name)}-{first_city + offset}",
                    country=rng.choice(COUNTRIES),
                    kind=City.Kind.CITY,
                    latitude=round(rng.uniform(-40, 60), 6),
                    longitude=round(rng.uniform(-100, 150), 6),
                    source_document=SYNTHETIC,
                )
            )
        _write(City, cities, spec.batch_size, stage("cities", spec.cities))

        # Programs and their links
        first_program = _next_id(Program)
        program_rows, theme_links, network_links, city_links, country_links = [], [], [], [], []
        ThemeLink, NetworkLink = Program.themes.through, Program.networks.through
        CityLink = Program.target_cities.through
        for offset in range(spec.programs):
            pk = first_program + offset
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
            program_themes = rng.sample(themes, rng.choice([1, 1, 2, 3]))
            targets = rng.sample(cities, rng.choice([0, 1, 1, 2])) if cities else []
            network = rng.choice(networks) if rng.random() < 0.4 else None
            title = rng.choice(TITLE_PATTERNS).format(
                theme=program_themes[0].name,
                network=network.short_name if network else "Partner",
                target=targets[0].name if targets else "Foreign City Officials",
            )
            start = date(year, rng.randint(1, 12), rng.randint(1, 28))
            online = "(Online)" in title
            program_rows.append(
                Program(
                    pk=pk,
                    title=title,
                    title_en=title,
                    slug=f"{year}-synthetic-{pk}",
                    year=year,
                    start_date=start,
                    end_date=start + timedelta(days=rng.randint(0, 14)),
                    date_precision="day",
                    host=rng.choice(institutes),
                    mode=Program.Mode.ONLINE if online else Program.Mode.ONSITE,
                    format=rng.choice(Program.Format.values[:5]),
                    headcount=rng.randint(5, 40),
                    source_document=SYNTHETIC,
                    source_locator=f"program {pk}",
                )
            )
            theme_links += [ThemeLink(program_id=pk, theme_id=t.pk) for t in program_themes]
            if network:
                network_links.append(NetworkLink(program_id=pk, network_id=network.pk))
            city_links += [CityLink(program_id=pk, city_id=c.pk) for c in targets]
            countries = {c.country.code for c in targets} or {rng.choice(COUNTRIES)}
            country_links += [TargetCountry(program_id=pk, country=code) for code in sorted(countries)]
        _write(Program, program_rows, spec.batch_size, stage("programs", len(program_rows)))
        for name, model, rows in [
            ("program themes", ThemeLink, theme_links),
            ("program networks", NetworkLink, network_links),
            ("program cities", CityLink, city_links),
            ("program countries", TargetCountry, country_links),
        ]:
            first = _next_id(model)
            for offset, row in enumerate(rows):
                row.pk = first + offset
            _write(model, rows, spec.batch_size, stage(name, len(rows)))
        del program_rows, theme_links, network_links, city_links, country_links

        # Participants, and enrollments with repeat attendees
        first_participant = _next_id(Participant)
        program_ids = range(first_program, first_program + spec.programs)
        city_pool = cities or list(City.objects.all()[:100])

        def participants():
            for offset in range(spec.participants):
                pk = first_participant + offset
                home = rng.choice(city_pool)
                yield Participant(
                    pk=pk,
                    name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                    position=rng.choice(POSITIONS),
                    organisation=f"{home.name} City Government",
                    home_city_id=home.pk,
                    country=home.country,
                    email=f"participant{pk}@{EMAIL_DOMAIN}",
                )

        _write(Participant, participants(), spec.batch_size, stage("participants", spec.participants))

        enrollment_total = 0
        # Read before the generator starts: no query may run on the connection while COPY is open.
        first_enrollment = _next_id(Enrollment)

        def enrollments():
            nonlocal enrollment_total
            pk = first_enrollment
            for participant_id in range(first_participant, first_participant + spec.participants):
                count = 1 if rng.random() < 0.7 else rng.randint(2, 4)  # about one in three returns
                for program_id in set(rng.choices(program_ids, k=count)) if program_ids else ():
                    yield Enrollment(
                        pk=pk,
                        participant_id=participant_id,
                        program_id=program_id,
                        completion=Enrollment.Completion.COMPLETED,
                    )
                    pk += 1
                    enrollment_total += 1

        _write(
            Enrollment, enrollments(), spec.batch_size, stage("enrollments", round(spec.participants * 1.6))
        )  # expected attendances per person
        written["enrollments"] = enrollment_total
        _reset_sequences([City, Program, ThemeLink, NetworkLink, CityLink, TargetCountry, Participant, Enrollment])
    return written
