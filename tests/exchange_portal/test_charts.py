"""The SVG charts: parsed back with ElementTree and checked for what a reader (or a screen reader) gets."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from exchange_portal.charts import PALETTE, bar_chart, horizontal_bar_chart, nice_ticks, percentages, share_bar

NS = {"svg": "http://www.w3.org/2000/svg"}
COUNTS = [3, 5, 8, 9, 12, 10, 11, 14, 13, 15, 9, 10, 12, 8, 7, 4, 6]
YEARS = [(str(year), count) for year, count in zip(range(2005, 2022), COUNTS, strict=True)]


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def bars(root, css_class="chart-bar"):
    return [el for el in root.iter("{http://www.w3.org/2000/svg}rect") if el.get("class") == css_class]


def texts(root):
    return ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]


def contrast(colour: str, background: str = "#ffffff") -> float:
    def luminance(hex_colour):
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


ALL_CHARTS = [
    lambda: bar_chart(YEARS, title="Programs per year", value_label="Programs", description="2005 to 2021"),
    lambda: bar_chart([], title="Nothing yet", value_label="Programs"),
    lambda: horizontal_bar_chart([("Viet Nam", 57), ("Mongolia", 41)], title="Top countries", value_label="Programs"),
    lambda: horizontal_bar_chart([], title="Top countries", value_label="Programs", description="none"),
    lambda: share_bar([("On-site", 120), ("Online", 30)], title="Mode", description="On-site against online"),
    lambda: share_bar([], title="Mode"),
    lambda: share_bar([("On-site", 0), ("Online", 0)], title="Mode"),
]


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_every_chart_is_a_labelled_scalable_image_without_inline_style_or_script(make):
    svg = make()
    root = parse(svg)  # well-formed XML, or this raises
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%" and root.get("height") is None
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))
    ids = root.get("aria-labelledby").split()
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    assert by_id[ids[0]].tag == "{http://www.w3.org/2000/svg}title" and by_id[ids[0]].text
    if len(ids) > 1:
        assert by_id[ids[1]].tag == "{http://www.w3.org/2000/svg}desc" and by_id[ids[1]].text
    assert root.find("svg:title", NS) is root[0]  # the title comes first
    assert "style=" not in svg and "<script" not in svg.lower()
    assert not any(el.get("style") for el in root.iter())


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_every_chart_is_the_same_for_the_same_input(make):
    assert make() == make()


def test_description_is_wired_into_the_name():
    root = parse(bar_chart(YEARS, title="Programs per year", value_label="Programs", description="2005 to 2021"))
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"svg:title[@id='{title_id}']", NS).text == "Programs per year"
    assert root.find(f"svg:desc[@id='{desc_id}']", NS).text == "2005 to 2021"


def test_two_different_charts_on_one_page_have_different_ids():
    first = parse(bar_chart(YEARS, title="Programs per year", value_label="Programs"))
    second = parse(bar_chart(YEARS, title="Participants per year", value_label="Participants"))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_bar_chart_has_one_bar_per_value_with_heights_proportional_to_values():
    root = parse(bar_chart(YEARS, title="Programs per year", value_label="Programs"))
    rects = bars(root)
    assert len(rects) == len(YEARS)
    ratios = {round(float(r.get("height")) / value, 2) for r, (_, value) in zip(rects, YEARS, strict=True)}
    assert len(ratios) == 1
    # Bars stand on one baseline and go left to right in the order given.
    assert len({round(float(r.get("y")) + float(r.get("height")), 2) for r in rects}) == 1
    xs = [float(r.get("x")) for r in rects]
    assert xs == sorted(xs)
    tooltips = [r.find("svg:title", NS).text for r in rects]
    assert tooltips[0] == "2005: 3" and tooltips[-1] == "2021: 6"


def test_bar_chart_shows_labels_values_axis_and_caption():
    root = parse(bar_chart(YEARS, title="Programs per year", value_label="Programs"))
    words = texts(root)
    assert "Programs" in words
    assert all(year in words for year, _ in YEARS)  # 17 four-digit years fit at 640 units
    assert "15" in words and "3" in words  # values above the bars
    ticks = [int(t) for t in root.find("svg:g[@class='chart-axis']", NS).itertext()]
    assert ticks[0] == 0 and ticks[-1] >= 15 and len(ticks) <= 6


def test_bar_chart_thins_crowded_labels_and_drops_values_that_do_not_fit():
    data = [(f"Category {i}", i * 1000 + 7) for i in range(40)]
    root = parse(bar_chart(data, title="Many", value_label="Participants"))
    assert len(bars(root)) == 40
    labels = list(root.find("svg:g[@class='chart-labels']", NS))
    assert 1 < len(labels) < 40
    assert labels[0].text == "Category 0"
    xs = [float(el.get("x")) for el in labels]
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) > len("Category 39") * 0.6 * 12  # no overlap
    assert not list(root.find("svg:g[@class='chart-values']", NS))


def test_text_from_data_is_escaped_not_markup():
    evil = "<script>alert('x')</script> & co"
    for svg in (
        bar_chart([(evil, 1)], title=evil, value_label=evil, description=evil),
        horizontal_bar_chart([(evil, 1)], title=evil, value_label=evil),
        share_bar([(evil, 1)], title=evil),
    ):
        root = parse(svg)
        assert not any(el.tag.endswith("script") for el in root.iter())
        assert root.find("svg:title", NS).text == evil
        assert any(evil in t for t in texts(root)) or any(evil in (el.text or "") for el in root.iter())
        assert "<script>" not in svg


def test_empty_bar_chart_is_a_valid_svg_with_axes_and_no_bars():
    root = parse(bar_chart([], title="Nothing", value_label="Programs"))
    assert bars(root) == []
    assert root.find("svg:title", NS).text == "Nothing"


def test_zero_and_missing_values_draw_flat_bars():
    root = parse(bar_chart([("a", 0), ("b", None), ("c", 2)], title="t", value_label="v"))
    heights = [float(r.get("height")) for r in bars(root)]
    assert heights[0] == heights[1] == 0 and heights[2] > 0


def test_horizontal_bar_chart_ranks_rows_in_order_and_grows_with_rows():
    data = [("Viet Nam", 57), ("Mongolia", 41), ("Indonesia", 33), ("Peru", 4)]
    root = parse(horizontal_bar_chart(data, title="Top countries", value_label="Programs"))
    rects = bars(root)
    assert len(rects) == 4
    assert len({round(float(r.get("width")) / v, 2) for r, (_, v) in zip(rects, data, strict=True)}) == 1
    ys = [float(r.get("y")) for r in rects]
    assert ys == sorted(ys)
    words = texts(root)
    assert all(name in words for name, _ in data) and "57" in words and "Programs" in words

    def height(n):
        svg = horizontal_bar_chart([(f"c{i}", i + 1) for i in range(n)], title="t", value_label="v")
        return float(parse(svg).get("viewBox").split()[3])

    assert height(1) < height(5) < height(20)
    assert height(20) - height(10) == pytest.approx(10 * (height(5) - height(4)))


def test_horizontal_bar_chart_shortens_long_labels_but_keeps_them_whole_in_the_tooltip():
    name = "The Metropolitan Government of a City With a Very Long Official Name Indeed"
    root = parse(horizontal_bar_chart([(name, 3)], title="t", value_label="v", width=640))
    label = root.find("svg:g[@class='chart-labels']/svg:text", NS).text
    assert label.endswith("…") and name.startswith(label[:-1])
    assert bars(root)[0].find("svg:title", NS).text == f"{name}: 3"


def test_share_bar_splits_one_bar_and_gives_each_share_in_words():
    root = parse(share_bar([("On-site", 120), ("Online", 30)], title="Mode"))
    segments = bars(root, "chart-segment")
    assert len(segments) == 2
    widths = [float(s.get("width")) for s in segments]
    assert widths[0] / widths[1] == pytest.approx(4, rel=0.05)
    legend = texts(root.find("svg:g[@class='chart-legend']", NS))
    assert legend == ["On-site: 80% (120)", "Online: 20% (30)"]


def test_share_bar_with_a_tiny_part_and_with_nothing():
    root = parse(share_bar([("On-site", 999), ("Online", 1), ("Hybrid", 0)], title="Mode"))
    legend = texts(root.find("svg:g[@class='chart-legend']", NS))
    assert legend == ["On-site: 100% (999)", "Online: <1% (1)", "Hybrid: 0% (0)"]
    empty = parse(share_bar([("On-site", 0), ("Online", 0)], title="Mode"))
    assert bars(empty, "chart-segment") == [] and bars(empty, "chart-track")


@pytest.mark.parametrize(
    "values, expected",
    [([1, 1, 1], [34, 33, 33]), ([120, 30], [80, 20]), ([0, 0], [0, 0]), ([2, 1], [67, 33]), ([], [])],
)
def test_percentages_add_up_to_100(values, expected):
    assert percentages(values) == expected


@pytest.mark.parametrize(
    "maximum, expected",
    [(15, [0, 5, 10, 15]), (7, [0, 2, 4, 6, 8]), (1449, [0, 500, 1000, 1500]), (0, [0, 1]), (1, [0, 1])],
)
def test_ticks_are_round_and_cover_the_maximum(maximum, expected):
    assert nice_ticks(maximum) == expected


def test_colours_meet_contrast_on_white():
    svg = str(bar_chart(YEARS, title="t", value_label="v")) + str(share_bar([(str(i), 1) for i in range(6)], title="t"))
    root = ET.fromstring(f"<all>{svg}</all>")
    fills = {el.get("fill") for el in root.iter() if (el.get("fill") or "").startswith("#")}
    for colour in fills - {"#ffffff", "#d6d6d6"}:
        assert contrast(colour) >= 4.5, colour
    for colour in PALETTE:
        assert contrast(colour) >= 4.5  # so that white percentages inside segments are readable too


def test_numbers_follow_the_active_language_grouping():
    with translation.override("ko"):
        root = parse(bar_chart([("2014", 2538)], title="t", value_label="v"))
    assert "2,538" in texts(root)
