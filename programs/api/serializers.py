"""What the API says about each record: stable field names, links between resources as absolute API
URLs (``url``) beside the public page (``html_url``), and program-level figures only.

Plain serializers rather than ModelSerializers, so that the JSON is a contract written down here and
does not change when a model gains a field. Every field carries its description for the OpenAPI
document (``help_text``). The API speaks English, like the exports' column names.
"""

from django.urls import reverse
from django.utils.http import urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cities.models import Agreement, City, Network
from exchange_portal.models import DatePrecision

from ..models import DataQualityFlag, Institute, Program, TargetCountry, Theme
from ..record_urls import SlugUrls

# ------------------------------------------------------------------------------------ links and figures


class Links(SlugUrls):
    """Absolute URLs of records by slug, for one request (``SlugUrls``: each kind reversed once).

    Public pages come from the models' own ``get_absolute_url``; a network, which has no page, is shown by
    the program list filtered to it."""

    def __init__(self, request):
        super().__init__(origin=request.build_absolute_uri("/")[:-1])

    def api(self, url_name, slug):
        """The record in this API (``url_name``: e.g. ``api:theme-detail``)."""
        return self.fill(url_name, lambda slug: reverse(url_name, kwargs={"slug": slug}), slug)

    def page(self, model, slug):
        """The public page of the ``model`` record with this slug."""
        if model is Network:
            return self.fill(model, lambda slug: f"{reverse('programs:program-list')}?network={slug}", slug)
        return self.record_page(model, model, slug)

    def programs(self, parameter, slug):
        """The API's program list filtered with ``?parameter=slug``, as /programs/ takes it."""
        return self.fill(parameter, lambda slug: f"{reverse('api:program-list')}?{urlencode({parameter: slug})}", slug)


class ReadOnlyField(serializers.Field):
    """A value computed from the whole record (``source="*"``)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(ReadOnlyField):
    """The record's absolute URL in this API."""

    def __init__(self, url_name, **kwargs):
        self.url_name = url_name
        super().__init__(**kwargs)

    def to_representation(self, record):
        return self.context["links"].api(self.url_name, record.slug)


@extend_schema_field(OpenApiTypes.URI)
class PublicPageField(ReadOnlyField):
    """The absolute URL of the record's public page (``model``: when the record is a row of figures)."""

    def __init__(self, model=None, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def to_representation(self, record):
        return self.context["links"].page(self.model or type(record), record.slug)


def record_urls(kind, *, itself=False, model=None, page=None):
    """A record's URL in this API and its public page, for a record of this ``kind`` (``theme``): the
    record the answer is about (``itself``: "This theme …") or one it names ("The theme …"). ``model``:
    when the record is a row of figures; ``page``: another description of the public page."""
    return (
        ApiUrlField(f"api:{kind}-detail", help_text=f"{'This' if itself else 'The'} {kind} in this API."),
        PublicPageField(model, help_text=page or f"The {kind}'s public page."),
    )


@extend_schema_field(OpenApiTypes.URI)
class ProgramsLinkField(ReadOnlyField):
    """The API's program list filtered to the record, with the same parameter as /programs/."""

    def __init__(self, parameter, **kwargs):
        self.parameter = parameter
        super().__init__(**kwargs)

    def to_representation(self, record):
        return self.context["links"].programs(self.parameter, record.slug)


@extend_schema_field(OpenApiTypes.INT)
class ProgramFigureField(ReadOnlyField):
    """A figure over the record's programs, computed for the whole page in one query by the view
    (``program_figures`` in the serializer context)."""

    def __init__(self, figure, **kwargs):
        self.figure = figure
        super().__init__(**kwargs)

    def to_representation(self, record):
        return self.context.get("program_figures", {}).get(record.pk, {}).get(self.figure, 0)


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A choice stored as a blank string when unknown, given as null."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):
        return super().to_representation(value) or None


def headcount_field(what):
    return ProgramFigureField(
        "headcount",
        help_text=f"Total headcount of the programs {what}, as the sources report it (programs without a "
        "reported headcount add nothing). A program-level figure: the sum of each program's headcount, "
        "never a count of enrolled people. Example: 240.",
    )


SOURCE_DOCUMENT_HELP = (
    "Provenance: the document the record comes from (a file name under fixtures/sources/ in the "
    "registry's repository, or a description). Example: seoul-policy-training-2005-2021.txt."
)
SOURCE_LOCATOR_HELP = "Provenance: where in that document (row, paragraph, section). Example: row 42."
SOURCE_TEXT_HELP = "Provenance: the passage or row exactly as the source wrote it; empty when not recorded."


def provenance():
    """The three provenance fields every sourced record has (``exchange_portal.models.Sourced``)."""
    return (
        serializers.CharField(help_text=SOURCE_DOCUMENT_HELP),
        serializers.CharField(help_text=SOURCE_LOCATOR_HELP),
        serializers.CharField(help_text=SOURCE_TEXT_HELP),
    )


# -------------------------------------------------------------------------------------- references
#
# A record named inside another (a program's host, themes, cities …) is a reference: slug, name, its URL
# here and its public page. A page of programs holds hundreds of them, so each is built as a dict in one
# step rather than through DRF's per-field machinery (which cost more than the page's queries); the
# serializers' declared fields are what the OpenAPI document says, and tests/programs/test_api.py checks
# every answer against that document.


def _reference(links, model, url_name, slug, **fields):
    """A linked record as it appears inside another: its slug, the ``fields`` given (in order), and
    its URLs in this API (``url_name``) and on the site."""
    return {"slug": slug, **fields, "url": links.api(url_name, slug), "html_url": links.page(model, slug)}


def theme_reference(theme, links):
    return _reference(links, Theme, "api:theme-detail", theme.slug, name=theme.name)


def institute_reference(institute, links):
    return _reference(links, Institute, "api:institute-detail", institute.slug, name=institute.name)


def city_reference(city, links):
    return _reference(links, City, "api:city-detail", city.slug, name=city.name, country=city.country.code)


def network_reference(network, links):
    return _reference(links, Network, "api:network-detail", network.slug, name=str(network))


def agreement_reference(agreement, links):
    return _reference(links, Agreement, "api:agreement-detail", agreement.slug, title=agreement.title)


def program_reference(program, links):
    return _reference(links, Program, "api:program-detail", program.slug, title=program.title, year=program.year)


class ReferenceSerializer(serializers.Serializer):
    build = None  # one of the functions above

    def to_representation(self, record):
        return type(self).build(record, self.context["links"])


class ThemeReferenceSerializer(ReferenceSerializer):
    build = theme_reference
    slug = serializers.SlugField(help_text="The theme's identifier, as in ?theme=. Example: transportation.")
    name = serializers.CharField(help_text="The theme's name. Example: Transportation.")
    url, html_url = record_urls("theme")


class InstituteReferenceSerializer(ReferenceSerializer):
    build = institute_reference
    slug = serializers.SlugField(help_text="The institute's identifier, as in ?host=. Example: shrdc.")
    name = serializers.CharField(help_text="The institute's name. Example: Seoul Human Resource Development Center.")
    url, html_url = record_urls("institute")


class CityReferenceSerializer(ReferenceSerializer):
    build = city_reference
    slug = serializers.SlugField(help_text="The city's identifier, as in ?city=. Example: cairo.")
    name = serializers.CharField(help_text="The city's name. Example: Cairo.")
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 country code. Example: EG.")
    url, html_url = record_urls("city")


class NetworkReferenceSerializer(ReferenceSerializer):
    build = network_reference
    slug = serializers.SlugField(help_text="The network's identifier, as in ?network=. Example: citynet.")
    name = serializers.CharField(help_text="The network's short name, else its name. Example: CITYNET.")
    url, html_url = record_urls(
        "network",
        page="The public page showing the network: the program list filtered to it (networks have no page of "
        "their own).",
    )


class AgreementReferenceSerializer(ReferenceSerializer):
    build = agreement_reference
    slug = serializers.SlugField(
        help_text="The agreement's identifier. Example: taipei-gyeonggi-civil-servants-exchange-training-mou-2017."
    )
    title = serializers.CharField(help_text="The agreement's title. Example: Civil Servants Exchange and Training MOU.")
    url, html_url = record_urls("agreement")


class ProgramReferenceSerializer(ReferenceSerializer):
    build = program_reference
    slug = serializers.SlugField(help_text="The program's identifier. Example: 2017-water-management-training-program.")
    title = serializers.CharField(help_text="The program's title. Example: Water Management Training Program.")
    year = serializers.IntegerField(help_text="The year the program is listed under. Example: 2017.")
    url, html_url = record_urls("program")


# ----------------------------------------------------------------------------------------- programs

STATUS_CHOICES = [
    ("confirmed", "confirmed"),
    ("announced", "announced"),
    ("possible_duplicate", "possible_duplicate"),
]
STATUS_HELP = (
    "The program's status as staff record it: `confirmed` (a source says it was held), `announced` "
    "(announced in advance, not confirmed as held) or `possible_duplicate` (it may describe a program "
    "recorded elsewhere). Lists and figures hold confirmed programs unless `status=` asks for others. "
    "Example: confirmed."
)


class DataQualityFlagSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=DataQualityFlag.Code.choices, help_text="What kind of problem. Example: year_mismatch."
    )
    label = serializers.CharField(
        source="get_code_display", help_text="The problem in words. Example: period year differs from the year column."
    )
    field = serializers.CharField(
        help_text="The field the problem concerns; empty for the whole record. Example: year."
    )
    message = serializers.CharField(
        help_text="What is wrong, as staff wrote it. Example: The period says 2016 but the row is listed under 2015."
    )


class ProgramSerializer(serializers.Serializer):
    url, html_url = record_urls("program", itself=True)
    slug = serializers.SlugField(help_text="The program's identifier. Example: 2017-water-management-training-program.")
    title = serializers.CharField(
        help_text="The title, corrected where staff recorded a correction. Example: Water Management Training Program."
    )
    description = serializers.CharField(
        help_text="A description; often empty. Example: A week on water supply and sewerage."
    )
    year = serializers.IntegerField(help_text="The year the program is listed under. Example: 2017.")
    start_date = serializers.DateField(
        allow_null=True,
        help_text="First day (ISO 8601), at the precision date_precision gives; null when the source gave no "
        "usable date. Example: 2017-10-15.",
    )
    end_date = serializers.DateField(
        allow_null=True, help_text="Last day (ISO 8601), as start_date. Example: 2017-10-22."
    )
    date_precision = BlankAsNullChoiceField(
        choices=DatePrecision.choices,
        help_text="How much of the dates the source gave: `day` (exact dates); `month` (months only: the dates "
        "are the first and last day of those months, do not read the days); `year`; null when there are no "
        "dates (`source_period` then says what the source wrote). Example: day.",
    )
    status = serializers.ChoiceField(choices=STATUS_CHOICES, help_text=STATUS_HELP)
    duplicate_of = ProgramReferenceSerializer(
        allow_null=True, help_text="For a possible duplicate: the program it may describe again; else null."
    )
    mode = serializers.ChoiceField(choices=Program.Mode.choices, help_text="On-site or online. Example: onsite.")
    format = serializers.ChoiceField(choices=Program.Format.choices, help_text="Kind of program. Example: workshop.")
    host = InstituteReferenceSerializer(help_text="The host institute.")
    themes = ThemeReferenceSerializer(many=True, help_text="The program's themes.")
    target_cities = CityReferenceSerializer(many=True, help_text="The cities whose officials the program was for.")
    target_countries = serializers.ListField(
        child=serializers.CharField(),
        help_text='ISO 3166-1 alpha-2 codes of the countries the program was for. Example: ["EG", "ID"].',
    )
    networks = NetworkReferenceSerializer(many=True, help_text="Commissioning or co-organising networks.")
    agreement = AgreementReferenceSerializer(allow_null=True, help_text="The agreement it was held under, or null.")
    headcount = serializers.IntegerField(
        allow_null=True,
        help_text="Number of participants as the source reports it (a program-level figure); null when not "
        "reported. Example: 24.",
    )
    headcount_note = serializers.CharField(
        help_text="What the source said about participants when it gave no exact number. Example: about 30."
    )
    quality_flags = DataQualityFlagSerializer(
        source="open_flags",
        many=True,
        help_text="The open data-quality flags: problems in the source not yet resolved.",
    )
    source_document, source_locator, source_text = provenance()
    source_title = serializers.CharField(
        help_text="Provenance: the title exactly as the source wrote it, before any correction. Example: Water "
        "Managment Training Program."
    )
    source_period = serializers.CharField(
        help_text="Provenance: the period exactly as the source wrote it. Example: 2017.10.15 ~ 10.22."
    )
    source_group = serializers.CharField(
        help_text="Provenance: the location or group label the source put the row under. Example: Customized Training."
    )

    def to_representation(self, document):
        # Written whole by program_documents(); the declared fields above document it.
        return document


# What program_documents() reads of each program and its host, agreement and possible original (English: the API
# speaks English).
SOURCE_COLUMNS = ("source_document", "source_locator", "source_text", "source_title", "source_period", "source_group")
PROGRAM_COLUMNS = (
    "pk",
    "slug",
    "title_en",
    "description_en",
    "year",
    "start_date",
    "end_date",
    "date_precision",
    "status",
    "mode",
    "format",
    "headcount",
    "headcount_note",
    *SOURCE_COLUMNS,
    "host__slug",
    "host__name_en",
    "agreement__slug",
    "agreement__title_en",
    "duplicate_of__slug",
    "duplicate_of__title_en",
    "duplicate_of__year",
)


def _per_program(rows):
    """``{program id: [rest of the row, …]}`` from rows that start with a program id (in their order)."""
    grouped = {}
    for program_id, *rest in rows:
        grouped.setdefault(program_id, []).append(rest)
    return grouped


def program_documents(ids, links):
    """The programs with these ids, in that order, as the API gives them (ProgramSerializer documents the
    fields): plain rows in six queries whatever the page size, and one dict per program built in one
    step. Reading model instances instead (a program with its host, agreement and five prefetched lists)
    cost three times the rest of the answer."""
    ids = list(ids)
    programs = Program.objects.filter(pk__in=ids).order_by().values(*PROGRAM_COLUMNS)  # in ``ids``' order below
    themes = _per_program(
        Program.themes.through.objects.filter(program_id__in=ids)
        .order_by("theme__position", "theme__name_en", "theme_id")
        .values_list("program_id", "theme__slug", "theme__name_en")
    )
    cities = _per_program(
        Program.target_cities.through.objects.filter(program_id__in=ids)
        .order_by("city__name_en", "city_id")
        .values_list("program_id", "city__slug", "city__name_en", "city__country")
    )
    countries = _per_program(
        TargetCountry.objects.filter(program_id__in=ids).order_by("country").values_list("program_id", "country")
    )
    networks = _per_program(
        Program.networks.through.objects.filter(program_id__in=ids)
        .order_by("network__name_en", "network_id")
        .values_list("program_id", "network__slug", "network__short_name", "network__name_en")
    )
    flags = _per_program(
        DataQualityFlag.objects.open()
        .filter(program_id__in=ids)
        .order_by("code", "field", "pk")
        .values_list("program_id", "code", "field", "message")
    )
    flag_labels = {code: str(label) for code, label in DataQualityFlag.Code.choices}
    documents = {}
    for row in programs:
        pk, slug = row["pk"], row["slug"]
        documents[pk] = {
            "url": links.api("api:program-detail", slug),
            "html_url": links.page(Program, slug),
            "slug": slug,
            "title": row["title_en"],
            "description": row["description_en"] or "",  # modeltranslation stores a blank one as NULL
            "year": row["year"],
            "start_date": row["start_date"].isoformat() if row["start_date"] else None,
            "end_date": row["end_date"].isoformat() if row["end_date"] else None,
            "date_precision": row["date_precision"] or None,
            "status": row["status"],
            "duplicate_of": _reference(
                links,
                Program,
                "api:program-detail",
                row["duplicate_of__slug"],
                title=row["duplicate_of__title_en"],
                year=row["duplicate_of__year"],
            )
            if row["duplicate_of__slug"]
            else None,
            "mode": row["mode"],
            "format": row["format"],
            "host": _reference(links, Institute, "api:institute-detail", row["host__slug"], name=row["host__name_en"]),
            "themes": [
                _reference(links, Theme, "api:theme-detail", slug, name=name) for slug, name in themes.get(pk, ())
            ],
            "target_cities": [
                _reference(links, City, "api:city-detail", slug, name=name, country=country)
                for slug, name, country in cities.get(pk, ())
            ],
            "target_countries": [country for (country,) in countries.get(pk, ())],
            "networks": [
                _reference(links, Network, "api:network-detail", slug, name=short_name or name)
                for slug, short_name, name in networks.get(pk, ())
            ],
            "agreement": _reference(
                links, Agreement, "api:agreement-detail", row["agreement__slug"], title=row["agreement__title_en"]
            )
            if row["agreement__slug"]
            else None,
            "headcount": row["headcount"],
            "headcount_note": row["headcount_note"],
            "quality_flags": [
                {"code": code, "label": flag_labels[code], "field": field, "message": message}
                for code, field, message in flags.get(pk, ())
            ],
            **{name: row[name] for name in SOURCE_COLUMNS},
        }
    return [documents[pk] for pk in ids if pk in documents]


# ------------------------------------------------------------------------------ reference records


class ThemeSerializer(serializers.Serializer):
    url, html_url = record_urls("theme", itself=True)
    programs_url = ProgramsLinkField("theme", help_text="The API's program list filtered to this theme.")
    slug = serializers.SlugField(help_text="The theme's identifier, as in ?theme=. Example: transportation.")
    name = serializers.CharField(help_text="The theme's name. Example: Transportation.")
    description = serializers.CharField(help_text="What the theme covers. Example: Public transport and roads.")
    position = serializers.IntegerField(help_text="Order in which the registry lists themes. Example: 3.")
    program_count = ProgramFigureField("programs", help_text="How many programs are on this theme. Example: 31.")
    headcount = headcount_field("on this theme")


class InstituteSerializer(serializers.Serializer):
    url, html_url = record_urls("institute", itself=True)
    programs_url = ProgramsLinkField("host", help_text="The API's program list filtered to programs it hosted.")
    slug = serializers.SlugField(help_text="The institute's identifier, as in ?host=. Example: shrdc.")
    name = serializers.CharField(help_text="The institute's name. Example: Seoul Human Resource Development Center.")
    short_name = serializers.CharField(help_text="Its short name; may be empty. Example: SHRDC.")
    kind = serializers.ChoiceField(choices=Institute.Kind.choices, help_text="Kind of institute. Example: university.")
    city = CityReferenceSerializer(help_text="Where the institute is.")
    website = serializers.CharField(help_text="Its website; may be empty. Example: https://www.koreauniv.ac.kr/.")
    description = serializers.CharField(help_text="A description; may be empty. Example: The city's training centre.")
    agreements = AgreementReferenceSerializer(many=True, help_text="Agreements the institute is a party to.")
    program_count = ProgramFigureField("programs", help_text="How many programs it hosted. Example: 120.")
    headcount = headcount_field("it hosted")
    source_document, source_locator, source_text = provenance()


class CitySerializer(serializers.Serializer):
    url, html_url = record_urls("city", itself=True)
    programs_url = ProgramsLinkField("city", help_text="The API's program list filtered to programs aimed at it.")
    slug = serializers.SlugField(help_text="The city's identifier, as in ?city=. Example: cairo.")
    name = serializers.CharField(help_text="The city's name. Example: Cairo.")
    local_name = serializers.CharField(help_text="The name in the local language; may be empty. Example: القاهرة.")
    kind = serializers.ChoiceField(choices=City.Kind.choices, help_text="City, province or district. Example: city.")
    country = serializers.CharField(source="country.code", help_text="ISO 3166-1 alpha-2 country code. Example: EG.")
    latitude = serializers.FloatField(allow_null=True, help_text="Latitude in degrees, or null. Example: 30.0444.")
    longitude = serializers.FloatField(allow_null=True, help_text="Longitude in degrees, or null. Example: 31.2357.")
    geonames_id = serializers.IntegerField(allow_null=True, help_text="GeoNames identifier, or null. Example: 360630.")
    networks = NetworkReferenceSerializer(many=True, help_text="Networks the city is a member of.")
    agreements = AgreementReferenceSerializer(many=True, help_text="Agreements the city is a party to.")
    program_count = ProgramFigureField("programs", help_text="How many programs were aimed at it. Example: 4.")
    headcount = headcount_field("aimed at it")
    source_document, source_locator, source_text = provenance()


class NetworkSerializer(serializers.Serializer):
    url, html_url = record_urls(
        "network", itself=True, page="The public page showing the network: the program list filtered to it."
    )
    programs_url = ProgramsLinkField("network", help_text="The API's program list filtered to this network.")
    slug = serializers.SlugField(help_text="The network's identifier, as in ?network=. Example: citynet.")
    name = serializers.CharField(help_text="The network's name. Example: CITYNET.")
    short_name = serializers.CharField(help_text="Its short name; may be empty. Example: CITYNET.")
    kind = serializers.ChoiceField(choices=Network.Kind.choices, help_text="Kind of network. Example: city_network.")
    website = serializers.CharField(help_text="Its website; may be empty. Example: https://citynet-ap.org/.")
    description = serializers.CharField(help_text="A description; may be empty. Example: Asia-Pacific city network.")
    program_count = ProgramFigureField(
        "programs", help_text="How many programs it commissioned or co-organised. Example: 18."
    )
    headcount = headcount_field("it commissioned or co-organised")
    source_document, source_locator, source_text = provenance()


class AgreementSerializer(serializers.Serializer):
    url, html_url = record_urls("agreement", itself=True)
    slug = serializers.SlugField(
        help_text="The agreement's identifier. Example: taipei-gyeonggi-civil-servants-exchange-training-mou-2017."
    )
    title = serializers.CharField(help_text="The agreement's title. Example: Civil Servants Exchange and Training MOU.")
    kind = serializers.ChoiceField(
        choices=Agreement.Kind.choices, help_text="Kind of agreement. Example: exchange_training."
    )
    signed_on = serializers.DateField(
        allow_null=True,
        help_text="Signing date (ISO 8601) at the precision signed_on_precision gives, or null. Example: 2017-09-26.",
    )
    signed_on_precision = BlankAsNullChoiceField(
        choices=DatePrecision.choices,
        help_text="How much of the signing date the source gave (`day`, `month`: stored as the first of the "
        "month, `year`), or null. Example: day.",
    )
    party_cities = CityReferenceSerializer(many=True, help_text="Cities that are parties to it.")
    party_institutes = InstituteReferenceSerializer(many=True, help_text="Institutes that are parties to it.")
    signatories = serializers.ListField(
        source="signatory_lines",
        child=serializers.CharField(),
        help_text="Who signed, one entry per signatory (name, position, organisation) as the public page shows "
        'them. Example: ["Kim Bok Ho, Director, Gyeonggi Provincial Human Resource Development Institute"].',
    )
    summary = serializers.CharField(help_text="What it covers; may be empty. Example: Exchange of officials.")
    programs = ProgramReferenceSerializer(many=True, help_text="Programs held under the agreement, newest first.")
    program_count = ProgramFigureField("programs", help_text="How many programs were held under it. Example: 2.")
    headcount = headcount_field("held under it")
    source_document, source_locator, source_text = provenance()


# -------------------------------------------------------------------------------------------- statistics


def figures():
    """Programs and their headcount, the two figures of every row of the statistics."""
    return (
        serializers.IntegerField(help_text="Number of programs. Example: 14."),
        serializers.IntegerField(
            allow_null=True,
            help_text="Total headcount of those programs as the sources report them (programs without one add "
            "nothing); null when none of them reports one (not reported, which is not 0). Example: 310.",
        ),
    )


class YearFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="The year. Example: 2015.")
    programs, headcount = figures()


class ThemeYearsSerializer(serializers.Serializer):
    theme = serializers.SlugField(source="slug", help_text="The theme's slug. Example: transportation.")
    name = serializers.CharField(help_text="The theme's name. Example: Transportation.")
    url, html_url = record_urls("theme", model=Theme)
    counts = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Programs on the theme in each year of `years`, in the same order. Example: [0, 2, 1].",
    )
    total = serializers.IntegerField(help_text="Programs on the theme in all those years. Example: 3.")


class ThemeByYearSerializer(serializers.Serializer):
    years = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="The years with programs, oldest first. Example: [2014, 2015, 2016].",
    )
    rows = ThemeYearsSerializer(many=True, help_text="One row per theme with any program, in the registry's order.")


class CountryFiguresSerializer(serializers.Serializer):
    country = serializers.CharField(source="code", help_text="ISO 3166-1 alpha-2 code. Example: EG.")
    name = serializers.CharField(help_text="The country's name. Example: Egypt.")
    programs, headcount = figures()


class CityFiguresSerializer(serializers.Serializer):
    city = serializers.SlugField(source="slug", help_text="The city's slug. Example: cairo.")
    name = serializers.CharField(help_text="The city's name. Example: Cairo.")
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code of its country. Example: EG.")
    url, html_url = record_urls("city", model=City)
    programs, headcount = figures()


class ModeFiguresSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(source="code", choices=Program.Mode.choices, help_text="The mode. Example: online.")
    label = serializers.CharField(help_text="The mode in words. Example: online.")
    programs, headcount = figures()


class StatedTotalsSerializer(serializers.Serializer):
    first_year = serializers.IntegerField(help_text="First year the source's statement covers. Example: 2005.")
    last_year = serializers.IntegerField(help_text="Last year it covers. Example: 2021.")
    programs = serializers.IntegerField(help_text="Programs the source states. Example: 168.")
    participants = serializers.IntegerField(help_text="Participants the source states. Example: 2425.")


class SourceTableTotalsSerializer(serializers.Serializer):
    stated = StatedTotalsSerializer(help_text="The totals the published source table states above its rows.")
    programs = serializers.IntegerField(help_text="Programs the table's rows add up to. Example: 175.")
    headcount = serializers.IntegerField(help_text="Headcount the table's rows add up to. Example: 2538.")
    program_difference = serializers.IntegerField(help_text="Rows' programs minus the stated programs. Example: 7.")
    headcount_difference = serializers.IntegerField(
        help_text="Rows' headcount minus the stated participants. Example: 113."
    )
    degree_programs = serializers.IntegerField(
        help_text="Multi-year master's degree courses among the rows. Example: 6."
    )
    degree_headcount = serializers.IntegerField(help_text="Their headcount. Example: 108.")
    explanation = serializers.CharField(
        help_text="Why the two totals differ, in words (as on the home page and /stats/). Example: The source page "
        "states 168 programs …"
    )
    years = YearFiguresSerializer(many=True, help_text="The rows' programs and headcount per year.")


class NotCountedSerializer(serializers.Serializer):
    status = serializers.CharField(help_text="`announced` or `possible_duplicate`. Example: announced.")
    programs, headcount = figures()


class StatsSerializer(serializers.Serializer):
    filters = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text='The query parameters applied, each with its values. Example: {"theme": ["transportation"]}.',
    )
    programs = serializers.IntegerField(source="stats.programs", help_text="Programs selected. Example: 14.")
    headcount = serializers.IntegerField(
        source="stats.headcount",
        allow_null=True,
        help_text="Their total headcount as reported (a program-level sum); null when none is reported. Example: 310.",
    )
    status = serializers.CharField(
        source="stats.status",
        help_text="The status the figures count: `confirmed` unless `status=` asked for another, or `all`. "
        "Example: confirmed.",
    )
    not_counted = NotCountedSerializer(
        source="stats.set_aside",
        many=True,
        help_text="Programs of the other statuses that the same filters select but the figures leave out "
        "(empty when `status=` is given).",
    )
    by_year = YearFiguresSerializer(source="stats.years", many=True, help_text="Programs and headcount per year.")
    theme_by_year = ThemeByYearSerializer(source="stats.theme_matrix", help_text="Programs per theme and year.")
    by_country = CountryFiguresSerializer(
        source="stats.countries", many=True, help_text="The 15 countries most programs were aimed at (ties by code)."
    )
    by_city = CityFiguresSerializer(
        source="stats.cities", many=True, help_text="The 15 cities most programs were aimed at (ties by name)."
    )
    by_mode = ModeFiguresSerializer(source="stats.modes", many=True, help_text="Programs on-site and online.")
    source_table = SourceTableTotalsSerializer(
        source="totals",
        help_text="The 2005–2021 source table: its stated totals beside its rows' (whatever the parameters select).",
    )


def stats_document(*, stats, totals, filters):
    """What StatsSerializer reads: the statistics of a selection, the source table's totals, the filters."""
    return {"stats": stats, "totals": totals, "filters": filters}
