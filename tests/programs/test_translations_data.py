"""The registry's own Korean and Chinese translations (fixtures/translations.toml) cover every
record the shipped fixture holds, and only those, and read as Korean or Chinese."""

import json
import re
import tomllib

import pytest
from django.conf import settings

from programs.sources import source_table, translations
from programs.sources.translations import LANGUAGES

# Latin-script words a Korean or Chinese text may keep: names written in Latin letters by their owners.
# Acronyms (KOICA, WeGO, CITYNET, ITS, BRT, …) have no run of three lower-case letters and pass anyway.
LATIN_ALLOWED = {"GeoNames"}
# Text quoted from the English source (“…”, 「…」) stays as the source wrote it.
QUOTED_RE = re.compile(r"“[^”]*”|「[^」]*」")


def english_words(text: str) -> list[str]:
    """Latin-script words in ``text`` that look like English (three lower-case letters in a row)."""
    unquoted = QUOTED_RE.sub("", text)
    words = re.findall(r"[A-Za-z]+", unquoted)
    return [word for word in words if re.search(r"[a-z]{3,}", word) and word not in LATIN_ALLOWED]


def norm(text: str) -> str:
    """An English title without case, spacing or punctuation: cosmetic corrections don't matter."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


@pytest.fixture(scope="module")
def fixture_records():
    with open(settings.BASE_DIR / "fixtures" / "registry.json", encoding="utf-8") as handle:
        objects = json.load(handle)
    by_model = {}
    for obj in objects:
        by_model.setdefault(obj["model"], []).append(obj["fields"])
    return by_model


def every_text():
    # theme_names and city_names hold only the other UI languages (Korean and Chinese: reference.py).
    tables = {name: table for name, table in translations.RECORDS.items() if name not in ("theme_names", "city_names")}
    tables |= {"flag_messages": translations.FLAG_MESSAGES, "cosmetic_slips": translations.COSMETIC_SLIPS}
    for table_name, table in tables.items():
        for key, entry in table.items():
            for language in LANGUAGES:
                yield f"{table_name}[{key!r}][{language}]", entry[language]
    for _pattern, templates in translations.FLAG_MESSAGE_PATTERNS + translations.LOCATOR_PATTERNS:
        for language in LANGUAGES:
            # Placeholders ({year}, {label}) are filled from the English note.
            yield f"pattern {_pattern.pattern[:30]!r} [{language}]", re.sub(r"\{\w+\}", "", templates[language])


def assert_complete(table: dict, keys: set, what: str):
    assert set(table) == keys, f"{what}: missing {keys - set(table)}, unknown {set(table) - keys}"
    for key, entry in table.items():
        for language in LANGUAGES:
            assert isinstance(entry.get(language), str) and entry[language].strip(), f"{what} {key!r}: no {language}"


def test_every_program_has_a_title_in_both_languages_and_no_other_key_exists(fixture_records):
    programs = fixture_records["programs.program"]
    keys = {translations.program_key(p["source_document"], p["source_locator"], p["slug"]) for p in programs}
    assert len(keys) == len(programs) == 181
    assert_complete(translations.RECORDS["program_titles"], keys, "program title")


def test_the_table_rows_are_keyed_by_the_row_numbers_the_parser_gives():
    rows = source_table.parse_table(source_table.source_path().read_text(encoding="utf-8"))
    table_keys = {key for key in translations.RECORDS["program_titles"] if isinstance(key, int)}
    assert table_keys == {row.number for row in rows}
    assert len(table_keys) == 175


def test_each_program_translation_is_of_the_title_the_fixture_holds(fixture_records):
    # A changed English title (beyond spacing, case or punctuation) needs its translations reviewed.
    for program in fixture_records["programs.program"]:
        key = translations.program_key(program["source_document"], program["source_locator"], program["slug"])
        assert norm(translations.RECORDS["program_titles"][key]["en"]) == norm(program["title"]), key


@pytest.mark.parametrize(
    ("table", "field"),
    [
        (translations.RECORDS["program_descriptions"], "description"),
        (translations.RECORDS["headcount_notes"], "headcount_note"),
    ],
    ids=["description", "headcount_note"],
)
def test_every_program_description_and_headcount_note_is_translated(fixture_records, table, field):
    texts = {p["slug"]: p[field] for p in fixture_records["programs.program"] if (p[field] or "").strip()}
    assert texts
    assert_complete(table, set(texts), field)
    for slug, text in texts.items():
        assert norm(table[slug]["en"]) == norm(text), slug


def test_every_network_agreement_institute_and_theme_is_translated(fixture_records):
    def slugs(model, field=None):
        return {r["slug"] for r in fixture_records[model] if field is None or (r[field] or "").strip()}

    assert len(slugs("cities.network")) >= 13
    assert_complete(translations.RECORDS["network_names"], slugs("cities.network"), "network name")
    assert_complete(
        translations.RECORDS["network_descriptions"], slugs("cities.network", "description"), "network description"
    )
    assert len(slugs("cities.agreement")) == 2
    assert_complete(translations.RECORDS["agreement_titles"], slugs("cities.agreement"), "agreement title")
    assert_complete(
        translations.RECORDS["agreement_summaries"], slugs("cities.agreement", "summary"), "agreement summary"
    )
    assert_complete(translations.RECORDS["institute_names"], slugs("programs.institute"), "institute name")
    assert_complete(
        translations.RECORDS["institute_descriptions"],
        slugs("programs.institute", "description"),
        "institute description",
    )
    assert_complete(
        translations.RECORDS["theme_descriptions"], slugs("programs.theme", "description"), "theme description"
    )
    # Theme names ship with the import already (reference.THEMES).
    for theme in fixture_records["programs.theme"]:
        assert theme["name_ko"] and theme["name_zh_hant"], theme["slug"]


def test_the_official_names_are_used():
    assert translations.RECORDS["institute_names"]["shrdc"]["ko"] == "서울특별시인재개발원"
    assert translations.RECORDS["institute_short_names"]["shrdc"]["ko"] == "서울시인재개발원"
    assert translations.RECORDS["institute_names"]["taipei-dcsd"]["zh_hant"] == "臺北市政府公務人員訓練處"


@pytest.mark.parametrize(
    ("word", "key"),
    [("카이로", 172), ("방콕", 13), ("교통", 5), ("키이우", 137)],
)
def test_the_korean_words_readers_search_for_are_in_the_titles(word, key):
    assert word in translations.RECORDS["program_titles"][key]["ko"]


def test_the_chinese_words_readers_search_for_are_in_the_titles():
    assert "基輔" in translations.RECORDS["program_titles"][137]["zh_hant"]
    assert "開羅" in translations.RECORDS["program_titles"][165]["zh_hant"]


def test_every_data_quality_note_in_the_fixture_is_translated(fixture_records):
    flags = fixture_records["programs.dataqualityflag"]
    assert flags
    for flag in flags:
        for language in LANGUAGES:
            text = translations.flag_message(flag["message"], language)
            assert text, f"no {language} for {flag['message']!r}"
            assert "{" not in text and "}" not in text, text
            assert not english_words(text), (text, english_words(text))


def test_a_generated_note_keeps_the_values_it_quotes():
    message = "The source writes “Kviv”; the title says “Kyiv”."
    assert translations.flag_message(message, "zh_hant") == "來源寫作「Kviv」，標題改為「Kyiv」。"
    slips = (
        "The title corrects a slip of spacing or capitalisation in the source's: a space before a bracketed "
        "acronym; “(Online)” as the table's other rows write it."
    )
    assert translations.flag_message(slips, "ko") == (
        "출처 제목의 띄어쓰기·대소문자 실수를 바로잡았습니다: 괄호로 묶은 약어 앞의 띄어쓰기, "
        "표의 다른 행과 같이 “(Online)” 표기."
    )
    assert translations.flag_message("A note nobody has translated.", "ko") is None


def test_every_source_locator_in_the_fixture_is_translated(fixture_records):
    locators = {
        record["source_locator"]
        for records in fixture_records.values()
        for record in records
        if record.get("source_locator")
    }
    assert "row 172" in locators
    for locator in locators:
        for language in LANGUAGES:
            assert translations.source_locator(locator, language), f"no {language} for {locator!r}"
    assert translations.source_locator("row 172", "ko") == "172행"
    assert translations.source_locator("row 172", "zh_hant") == "第 172 列"


def test_no_translation_keeps_english_words():
    leftovers = {where: english_words(text) for where, text in every_text()}
    leftovers = {where: words for where, words in leftovers.items() if words}
    assert not leftovers


def test_the_english_word_check_catches_english():
    assert english_words("스마트시티 Training Program (online)") == ["Training", "Program", "online"]
    assert english_words("WeGO 회원도시 ITS·BRT “Masters degree program”") == []


def test_translated_fields_name_the_modeltranslation_fields():
    assert translations.translated_fields("program_titles", 137, "title") == {
        "title_ko": "키이우시 스마트시티 연수 프로그램",
        "title_zh_hant": "基輔市智慧城市研習課程",
    }
    assert translations.translated_fields("network_names", "no-such-network", "name") == {}


def test_the_data_file_holds_nothing_the_code_does_not_read():
    """A table or a language misspelt in fixtures/translations.toml (``[theme_nmes.x]``, ``zh_hans =``)
    would be dropped without a word: every table is one translations.py reads, every entry's keys are
    languages it writes (or the English it translates, or a pattern's regular expression)."""
    data = tomllib.loads(translations.DATA_FILE.read_text(encoding="utf-8"))
    read = {
        "program_titles",
        "program_descriptions",
        "headcount_notes",
        "network_names",
        "network_descriptions",
        "agreement_titles",
        "agreement_summaries",
        "institute_names",
        "institute_short_names",
        "institute_descriptions",
        "theme_descriptions",
        "theme_names",
        "city_names",
        "source_locators",
        "cosmetic_slips",
        "flag_messages",
        "flag_message_patterns",
        "locator_patterns",
    }
    assert set(data) == read
    known = {"en", "pattern", *translations.ALL_LANGUAGES}
    for table_name, table in data.items():
        entries = table if isinstance(table, list) else table.values()
        for entry in entries:
            assert set(entry) <= known, f"{table_name}: {set(entry) - known} in {entry}"
            assert all(isinstance(text, str) and text.strip() for text in entry.values()), (table_name, entry)
    # The row numbers of the source table come back as the ints program_key() gives.
    assert (
        translations.program_key(translations.TABLE_DOCUMENT, "row 137", "x") in translations.RECORDS["program_titles"]
    )
    assert len(translations.RECORDS["program_titles"]) == len(data["program_titles"])
