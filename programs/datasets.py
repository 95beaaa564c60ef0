"""What the registry publishes as open data: the licence, and each column of the program list and
statistics exports with its type and meaning.

One description for the /data/ page, the Frictionless Data Package (``/data/datapackage.json``) and
the DCAT catalogue (``/data/catalog.jsonld``). The columns, with their types and meanings, are those
the downloads write: the one table in ``programs/columns.py``.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .columns import PROGRAM_TABLE, STATS_TABLE
from .structured_data import SCHEMA_CONTEXT, language_tag

SITE_NAME = _("International Training Registry")
REGISTRY_DESCRIPTION = _(
    "The registry of international training programs for civil servants: which host institutes invited "
    "officials from which cities, on which themes, under which agreements, from 2005 onward."
)
KEYWORDS = [_("training"), _("civil servants"), _("international cooperation"), _("cities")]

LICENCE = {
    "id": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    fields: list
    export_url_name: str
    primary_key: list = field(default_factory=list)


DATASETS = [
    Dataset(
        "programs",
        _("Training programs"),
        _(
            "One row per training program: its dates at the precision the source gives, host institute, "
            "themes, format and mode, the cities and countries it was aimed at, networks, agreement, "
            "headcount, and where the record comes from."
        ),
        PROGRAM_TABLE,
        "programs:program-export",
        primary_key=["slug"],
    ),
    Dataset(
        "statistics",
        _("Statistics of the training programs"),
        _(
            "Programs and participants per year, programs per theme and year, and programs and "
            "participants per country, city and mode."
        ),
        STATS_TABLE,
        "programs:stats-export",
    ),
]


@dataclass(frozen=True)
class Download:
    label: str
    file_format: str
    media_type: str
    url: str  # a path; absolute in the machine-readable descriptions


EXPORT_FORMATS = [
    ("csv", "CSV", "text/csv"),
    ("xlsx", "Excel (.xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("json", "JSON", "application/json"),
]


def downloads(dataset):
    """The export files of ``dataset`` (of every program when no filter is given)."""
    return [
        Download(label, file_format, media_type, reverse(dataset.export_url_name, kwargs={"file_format": file_format}))
        for file_format, label, media_type in EXPORT_FORMATS
    ]


def subscriptions():
    """The feeds of the program list: Atom and iCalendar."""
    return [
        Download(_("Atom feed"), "atom", "application/atom+xml", reverse("programs:program-feed")),
        Download(_("Calendar (iCalendar)"), "ics", "text/calendar", reverse("programs:program-calendar")),
    ]


def data_package(absolute):
    """The Frictionless Data Package (v2) of the CSV downloads: one resource per dataset with its columns
    and their types. ``absolute`` turns a path into an absolute URL."""
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "international-training-registry",
        "title": str(SITE_NAME),
        "description": str(REGISTRY_DESCRIPTION),
        "homepage": absolute(reverse("programs:open-data")),
        "licenses": [{"name": LICENCE["id"], "path": LICENCE["url"], "title": LICENCE["title"]}],
        "resources": [
            {
                "name": dataset.slug,
                "type": "table",
                "title": str(dataset.title),
                "description": str(dataset.description),
                "path": absolute(reverse(dataset.export_url_name, kwargs={"file_format": "csv"})),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"header": True, "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"'},
                "schema": {
                    "fields": [column.table_schema() for column in dataset.fields],
                    "missingValues": [""],
                    **({"primaryKey": dataset.primary_key} if dataset.primary_key else {}),
                },
            }
            for dataset in DATASETS
        ],
    }


DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    **{
        term: {"@type": "@id"}
        for term in (
            "dct:license",
            "dct:conformsTo",
            "dct:accrualPeriodicity",
            "dcat:accessURL",
            "dcat:downloadURL",
            "dcat:landingPage",
            "dcat:mediaType",
            "dcat:endpointURL",
            "dcat:endpointDescription",
            "foaf:homepage",
        )
    },
}
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
# The registry changes whenever staff edit it, not on a schedule.
IRREGULAR = "http://purl.org/cld/freq/irregular"


def dcat_catalog(absolute, *, api_url, api_docs_url):
    """The DCAT catalogue of the open data: the datasets, their downloads and feeds, and the API."""
    data_page = absolute(reverse("programs:open-data"))
    home = absolute(reverse("programs:home"))
    licence = LICENCE["url"]
    publisher = {"@type": "foaf:Organization", "foaf:name": str(SITE_NAME), "foaf:homepage": home}

    def distribution(download, conforms_to=None):
        described = {
            "@type": "dcat:Distribution",
            "dct:title": str(download.label),
            "dcat:accessURL": data_page,
            "dcat:downloadURL": absolute(download.url),
            "dcat:mediaType": IANA_MEDIA_TYPES + download.media_type,
            "dct:license": licence,
        }
        if conforms_to:
            described["dct:conformsTo"] = conforms_to
        return described

    package = absolute(reverse("programs:datapackage"))
    datasets = []
    for dataset in DATASETS:
        distributions = [
            distribution(download, package if download.file_format == "csv" else None)
            for download in downloads(dataset)
        ]
        if dataset.slug == "programs":
            distributions += [distribution(download) for download in subscriptions()]
        datasets.append(
            {
                "@id": f"{data_page}#{dataset.slug}",
                "@type": "dcat:Dataset",
                "dct:title": str(dataset.title),
                "dct:description": str(dataset.description),
                "dct:license": licence,
                "dct:publisher": publisher,
                "dct:accrualPeriodicity": IRREGULAR,
                "dcat:landingPage": data_page,
                "dcat:keyword": [str(keyword) for keyword in KEYWORDS],
                "dcat:distribution": distributions,
            }
        )
    return {
        "@context": DCAT_CONTEXT,
        "@id": absolute(reverse("programs:catalog")),
        "@type": "dcat:Catalog",
        "dct:title": str(SITE_NAME),
        "dct:description": str(REGISTRY_DESCRIPTION),
        "dct:license": licence,
        "dct:publisher": publisher,
        "foaf:homepage": home,
        "dcat:dataset": datasets,
        "dcat:service": [
            {
                "@id": absolute(api_url),
                "@type": "dcat:DataService",
                "dct:title": str(_("The registry’s API")),
                "dcat:endpointURL": absolute(api_url),
                "dcat:endpointDescription": absolute(api_docs_url),
                "dct:license": licence,
                "dcat:servesDataset": [{"@id": dataset["@id"]} for dataset in datasets],
            }
        ],
    }


def schema_org_datasets(absolute, *, first_year):
    """The datasets as schema.org Dataset descriptions, for the /data/ page's JSON-LD."""
    data_page = absolute(reverse("programs:open-data"))
    creator = {"@type": "Organization", "name": str(SITE_NAME), "url": absolute(reverse("programs:home"))}
    graph = []
    for dataset in DATASETS:
        files = downloads(dataset) + (subscriptions() if dataset.slug == "programs" else [])
        described = {
            "@type": "Dataset",
            "@id": f"{data_page}#{dataset.slug}",
            "name": str(dataset.title),
            "description": str(dataset.description),
            "url": data_page,
            "license": LICENCE["url"],
            "isAccessibleForFree": True,
            "creator": creator,
            "keywords": [str(keyword) for keyword in KEYWORDS],
            "inLanguage": [language_tag(code) for code, _name in settings.LANGUAGES],
            "variableMeasured": [column.name for column in dataset.fields],
            "includedInDataCatalog": {"@type": "DataCatalog", "name": str(SITE_NAME)},
            "distribution": [
                {
                    "@type": "DataDownload",
                    "name": str(download.label),
                    "encodingFormat": download.media_type,
                    "contentUrl": absolute(download.url),
                }
                for download in files
            ],
        }
        if first_year:
            described["temporalCoverage"] = f"{first_year}/.."
        graph.append(described)
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}
