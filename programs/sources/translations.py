"""The registry's own translations of its records, read from ``fixtures/translations.toml``.

The data file holds the translations and says for translators what they are and how they are keyed (by
the source table's row number or by slug, one line per language as modeltranslation names its fields).
This module only reads it: the importer merges ``translated_fields()`` of the record tables
(``RECORDS``, by the file's table names) into the records it writes, and ``flag_message()`` /
``source_locator()`` translate the data-quality notes and the source locators when a page shows them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from django.conf import settings

LANGUAGES = ("ko", "zh_hant")
# The other UI languages, for record names only (see the data file's header).
NAME_LANGUAGES = ("es", "fr", "ru", "ar", "ind")
ALL_LANGUAGES = LANGUAGES + NAME_LANGUAGES

TABLE_DOCUMENT = "seoul-policy-training-2005-2021.txt"

DATA_FILE = Path(settings.BASE_DIR) / "fixtures" / "translations.toml"
_DATA = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))

# The record tables, by their name in the data file (``RECORDS["theme_names"]["e-government"]["es"]``):
# every table of entries keyed by a row number or a slug. The source table's rows come back keyed by
# their row number as an int, as program_key() gives it (TOML keys are strings).
RECORDS = {
    name: {int(key) if name == "program_titles" and key.isdigit() else key: entry for key, entry in table.items()}
    for name, table in _DATA.items()
    if isinstance(table, dict)
}


def _by_english(entries: list[dict]) -> dict[str, dict]:
    """``[{"en": …, "ko": …}, …]`` (a text too long to be a readable key) as ``{english: {"ko": …}}``."""
    return {entry["en"]: {lang: text for lang, text in entry.items() if lang != "en"} for entry in entries}


def _patterns(entries: list[dict]) -> list[tuple[re.Pattern, dict]]:
    """``[{"pattern": …, "ko": …}, …]`` as ``[(compiled pattern, {"ko": …}), …]``."""
    return [
        (re.compile(entry["pattern"]), {lang: text for lang, text in entry.items() if lang != "pattern"})
        for entry in entries
    ]


COSMETIC_SLIPS = _by_english(_DATA["cosmetic_slips"])
FLAG_MESSAGES = _by_english(_DATA["flag_messages"])
FLAG_MESSAGE_PATTERNS = _patterns(_DATA["flag_message_patterns"])
LOCATOR_PATTERNS = _patterns(_DATA["locator_patterns"])


def _from_patterns(text: str, patterns, language: str, convert=None) -> str | None:
    for pattern, templates in patterns:
        if match := pattern.fullmatch(text):
            values = match.groupdict()
            if convert:
                values = convert(values, language)
            return templates[language].format(**values)
    return None


def _cosmetic_slips(values: dict, language: str) -> dict:
    if "slips" not in values:
        return values
    separator = ", " if language == "ko" else "；"
    slips = [COSMETIC_SLIPS.get(slip, {}).get(language, slip) for slip in values["slips"].split("; ")]
    return values | {"slips": separator.join(slips)}


def flag_message(message: str, language: str) -> str | None:
    """The data-quality note ``message`` in ``language`` ("ko", "zh_hant"), or None when not translated."""
    if message in FLAG_MESSAGES:
        return FLAG_MESSAGES[message][language]
    return _from_patterns(message, FLAG_MESSAGE_PATTERNS, language, _cosmetic_slips)


def source_locator(locator: str, language: str) -> str | None:
    """The source locator (``"row 172"``) in ``language``, or None when not translated."""
    if locator in RECORDS["source_locators"]:
        return RECORDS["source_locators"][locator][language]
    return _from_patterns(locator, LOCATOR_PATTERNS, language)


def translated_fields(table: str, key, field: str) -> dict[str, str]:
    """``{"title_ko": …, "title_zh_hant": …}`` for ``RECORDS[table][key]``, to merge into an import's
    values: one field per language the entry has (``name_es``, ``name_ind``, … too); empty when the table
    has no entry for ``key`` (the English stays the only version)."""
    entry = RECORDS[table].get(key) or {}
    return {f"{field}_{language}": entry[language] for language in ALL_LANGUAGES if language in entry}


def program_key(source_document: str, source_locator: str, slug: str) -> int | str:
    """The key of a program in ``RECORDS["program_titles"]``: its row number for a table row, else its slug."""
    if source_document == TABLE_DOCUMENT and (match := re.fullmatch(r"row (\d+)", source_locator)):
        return int(match.group(1))
    return slug
