"""The rules that turn a row of the published table into a classified program.

Everything the import decides about a row that the row does not literally say is written here, as
short tables a person can read and review: title corrections, hosts and formats from the location
column, themes, commissioning networks, and target cities and countries from the title. Each rule is a
regular expression matched case-insensitively against the corrected title, except where a pattern says
``(?-i:…)``: an acronym such as ITS that is also an English word. To change a classification,
change a line here, run ``python manage.py import_source_table`` and review the fixture's diff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """Something wrong or ambiguous in a row, raised as a data-quality flag on import."""

    code: str
    field: str
    message: str
    source_value: str = ""


# Misspellings corrected in the stored title. The source's own text stays in ``source_title``, and
# each correction raises a flag, so nothing is "fixed" silently.
TITLE_CORRECTIONS = [
    # (wrong, right, flag code)
    ("Kviv", "Kyiv", "city_name_typo"),
    ("Moibility", "Mobility", "title_typo"),
    ("Transporation", "Transportation", "title_typo"),
    ("Planing", "Planning", "title_typo"),
    ("UrbanPlanning", "Urban Planning", "title_typo"),
    ("ITSTraining", "ITS Training", "title_typo"),
    ("Climate Changes", "Climate Change", "title_typo"),
]

# Slips of spacing or capitalisation, corrected in the stored title with one flag per row. Unlike the
# misspellings above they leave the program's slug as it was, so its published address stays.
COSMETIC_CORRECTIONS = [
    # (pattern, replacement, the correction in words)
    (r"(?<=\w)\((?=[A-Z]{2,}\))", " (", "a space before a bracketed acronym"),
    (r"\bCityNet\b", "CITYNET", "“CITYNET” as the network writes its name"),
    (r"\(online\)", "(Online)", "“(Online)” as the table's other rows write it"),
]

# Remnants of the web page's HTML markup, removed from the stored title with a flag.
HTML_REMNANT_RE = re.compile(r"</?\w*>|/td>|<td|&nbsp;")


def clean_title(source_title: str, *, cosmetic: bool = True) -> tuple[str, list[Issue]]:
    """The title to store, and the issues to flag for each change made to the source's text.

    ``cosmetic=False`` leaves out COSMETIC_CORRECTIONS: the title that the program's slug is made from."""
    issues: list[Issue] = []
    title = source_title
    if HTML_REMNANT_RE.search(title):
        title = HTML_REMNANT_RE.sub("", title)
        issues.append(
            Issue(
                "html_remnant",
                "title",
                "The source's title carries a piece of HTML markup; it is left out of the title.",
                source_title,
            )
        )
    for wrong, right, code in TITLE_CORRECTIONS:
        if re.search(rf"\b{re.escape(wrong)}\b", title):
            title = re.sub(rf"\b{re.escape(wrong)}\b", right, title)
            issues.append(
                Issue(
                    code,
                    "title",
                    f"The source writes “{wrong}”; the title says “{right}”.",
                    source_title,
                )
            )
    if cosmetic:
        slips = []
        for pattern, replacement, correction in COSMETIC_CORRECTIONS:
            if re.search(pattern, title):
                title = re.sub(pattern, replacement, title)
                slips.append(correction)
        if slips:
            issues.append(
                Issue(
                    "title_cosmetic",
                    "title",
                    "The title corrects a slip of spacing or capitalisation in the source's: " + "; ".join(slips) + ".",
                    source_title,
                )
            )
    title = re.sub(r"\s+", " ", title).strip()
    return title, issues


# The location column names the host, except in 2015, where it names groups of programs by format.
# (label, host institute slug, format, host stated by the source?)
LOCATION_RULES = {
    "Seoul Human Resource Development Center": ("shrdc", None, True),
    "Korea University": ("korea-university", "degree_course", True),
    "University of Seoul": ("university-of-seoul", "degree_course", True),
    "Customized Training": ("shrdc", "customized", False),
    "ICLEI Congress_Internal Training": ("shrdc", "short_course", False),
    "Jeju Forum_Collaborative Training": ("shrdc", "collaborative", False),
    "Forum": ("shrdc", "forum", False),
}

# Formats read from the title when the location column does not give one. First match wins.
FORMAT_RULES = [
    (r"master'?s degree", "degree_course"),
    (r"workshop", "workshop"),
    (r"customi[sz]ed", "customized"),
]
DEFAULT_FORMAT = "short_course"

ONLINE_RE = r"\(online\)"

# Themes: every matching rule adds its theme. A title that matches none gets FALLBACK_THEME.
THEME_RULES = [
    ("e-government", r"e-?government"),
    # ITS (intelligent transport systems) in capitals only: "its" is an English word.
    ("smart-city", r"smart city|smart transportation|(?-i:\bITS\b)"),
    ("transportation", r"transport|\bBRT\b|bus rapid transit|mobility|railroad|(?-i:\bITS\b)"),
    ("climate-change", r"climate change"),
    ("environment", r"environment|waste|energy"),
    ("water", r"water"),
    # Not bare "planning": "BRT Planning and Operations" is transport planning, not urban planning.
    ("urban-planning", r"urban (design|planning)|city planning|sustainable cities"),
    # The master's degree courses are the University of Seoul's Master of Urban Administration.
    (
        "urban-management",
        r"urban (management|policy|administrative)|city policy|policy experience|"
        r"master'?s degree",
    ),
    ("culture-and-tourism", r"cultur|touris|game"),
    ("welfare", r"welfare|women|health"),
    ("governance", r"governance|administrative reform|government efficiency|international coop"),
    ("housing", r"housing"),
    ("urban-safety", r"safety"),
    ("social-economy", r"social economy"),
    ("local-finance", r"financ|tax"),
    ("economic-development", r"industr|balanced development"),
    ("human-resources", r"human resource|\bHRD\b"),
]
FALLBACK_THEME = "city-administration"

# Commissioning or co-organising networks named in the title.
NETWORK_RULES = [
    ("koica", r"\bKOICA\b"),
    ("world-bank", r"world bank"),
    ("citynet", r"\bCITYNET\b"),
    ("metropolis", r"\bmetropolis\b"),
    ("wego", r"\bWeGO\b"),
    ("iutc", r"\bIUTC\b"),
    ("iclei", r"\bICLEI\b"),
    ("gsef", r"\bGSEF\b"),
    ("clc", r"\bCLC\b|cent(er|re) for liveable cities"),
    ("uclg-aspac", r"\bUCLG-ASPAC\b"),
    ("uclg", r"\bUCLG\b(?!-ASPAC)"),
    # Not the University of Minnesota: "Welfare Graduate Program, University of Minnesota" names it,
    # but no source says that it commissioned the program or that it was aimed at the United States.
]

# Target cities named in the title (city slug). A target city also makes its country a target.
CITY_RULES = [
    ("beijing", r"\bbeijing\b"),
    ("amsterdam", r"\bamsterdam\b"),
    ("bangkok", r"\bbangkok\b"),
    ("chengdu", r"\bchengdu\b"),
    ("makati", r"\bmakati\b"),
    ("jakarta", r"\bjakarta\b"),
    ("tashkent", r"\btashkent\b"),
    ("kyiv", r"\bkyiv\b"),
    ("bandung", r"\bbandung\b"),
    ("delhi", r"\bdelhi\b"),
    ("saint-petersburg", r"\bst\.? petersburg\b|\bsaint petersburg\b"),
    ("buenos-aires", r"\bbuenos aires\b"),
    ("mashhad", r"\bmashhad\b"),
    ("addis-ababa", r"\baddis ababa\b"),
    ("cairo", r"\bcairo\b"),
    ("mexico-city", r"\bmexico city\b"),
    ("maputo", r"\bmaputo\b"),
    ("singapore", r"\bsingapore\b"),
]

# Target countries named in the title, by name or adjective (ISO 3166-1 alpha-2).
COUNTRY_RULES = [
    ("IQ", r"\biraqi?\b"),
    ("UZ", r"\buzbek(istan)?\b"),
    ("EG", r"\begypt(ian)?\b"),
    ("CO", r"\bcolombian?\b"),
    ("BD", r"\bbangladesh(i)?\b"),
    ("GT", r"\bguatemalan?\b"),
    ("ID", r"\bindonesian?\b"),
    ("UA", r"\bukrain(e|ian)\b"),
    ("VN", r"\bvietnam(ese)?\b"),
    ("MN", r"\bmongolian?\b"),
    ("BO", r"\bbolivian?\b"),
    ("CN", r"\bchin(a|ese)\b"),
    ("IN", r"\bindia\b"),
    ("IR", r"\biran\b"),
]


def _matches(rules_table, title: str) -> list[str]:
    return [key for key, pattern in rules_table if re.search(pattern, title, re.IGNORECASE)]


def themes_for(title: str) -> list[str]:
    return _matches(THEME_RULES, title) or [FALLBACK_THEME]


def networks_for(title: str) -> list[str]:
    return _matches(NETWORK_RULES, title)


def cities_for(title: str) -> list[str]:
    return _matches(CITY_RULES, title)


def countries_for(title: str) -> list[str]:
    return _matches(COUNTRY_RULES, title)


def format_for(title: str, label: str) -> str:
    rule = LOCATION_RULES.get(label)
    if rule and rule[1]:
        return rule[1]
    for pattern, value in FORMAT_RULES:
        if re.search(pattern, title, re.IGNORECASE):
            return value
    return DEFAULT_FORMAT


def mode_for(title: str) -> str:
    return "online" if re.search(ONLINE_RE, title, re.IGNORECASE) else "onsite"


def host_for(label: str) -> tuple[str, bool]:
    """The host institute's slug, and whether the source states it (False: inferred)."""
    try:
        host, _format, stated = LOCATION_RULES[label]
    except KeyError:
        raise KeyError(f"No host rule for the location “{label}”; add one to LOCATION_RULES.") from None
    return host, stated
