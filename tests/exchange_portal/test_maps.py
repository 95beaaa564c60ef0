"""The SVG world map: country shapes decoded from the shipped TopoJSON, shading, points and links."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from exchange_portal.maps import (
    DATA_FILE,
    MapPoint,
    decode_arcs,
    natural_earth,
    ring_points,
    shade_classes,
    split_at_antimeridian,
    world_map,
)

SVG = "{http://www.w3.org/2000/svg}"
NS = {"svg": "http://www.w3.org/2000/svg"}
SEOUL = MapPoint("Seoul", 37.57, 126.98, url="/cities/seoul/", label="12 programs")
CAIRO = MapPoint("Cairo", 30.04, 31.24)
NUMBER = re.compile(r"[Mlz]|-?(?:\d+\.?\d*|\.\d+)")


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def country_paths(root):
    return root.find("svg:g[@class='map-countries']", NS).findall("svg:path", NS)


def path_rings(d: str) -> list[list[tuple[float, float]]]:
    """Absolute points of each ring of the map's path data ("M x y l dx dy dx dy … z")."""
    rings, numbers, mode = [], [], None
    for token in [*NUMBER.findall(d), "M"]:
        if token in "Mlz":
            if token == "M" and numbers:
                x, y = numbers[0], numbers[1]
                ring = [(x, y)]
                for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
                    x, y = x + dx, y + dy
                    ring.append((x, y))
                rings.append(ring)
                numbers = []
            mode = token
        else:
            numbers.append(float(token))
    assert mode == "M"
    return rings


def bbox(d: str):
    points = [p for ring in path_rings(d) for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def by_code(root, code):
    return next(p for p in country_paths(root) if p.get("data-code") == code)


def test_the_shipped_topojson_is_the_world_atlas_countries_file():
    topology = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert topology["type"] == "Topology"
    assert len(topology["objects"]["countries"]["geometries"]) == 177
    assert (DATA_FILE.parent / "README.md").exists()


def test_empty_map_is_a_valid_image_with_every_country_but_antarctica():
    svg = world_map(title="Partner cities")
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("width") == "100%" and re.fullmatch(r"0 0 960 \d+", root.get("viewBox"))
    paths = country_paths(root)
    assert len(paths) == 176
    assert all(p.get("d") for p in paths)
    assert {"KR", "EG", "TW", "FJ", "RU"} <= {p.get("data-code") for p in paths}
    assert "010" not in {p.get("data-id") for p in paths}
    assert root.find(".//svg:circle", NS) is None and root.find(".//svg:a", NS) is None
    assert "style=" not in svg and "<script" not in svg


def test_features_without_a_numeric_code_are_drawn_but_not_shaded():
    root = parse(world_map(title="t", countries={"XK": 5, "CY": 1}))
    unnamed = [p for p in country_paths(root) if p.get("data-id") is None]
    assert len(unnamed) == 3  # Kosovo, N. Cyprus, Somaliland
    assert all(p.get("fill") is None and p.get("data-code") is None for p in unnamed)
    assert by_code(root, "CY").get("fill")


def test_seoul_lands_inside_south_korea():
    root = parse(world_map(points=[SEOUL], title="t"))
    korea = by_code(root, "KR")
    assert korea.get("data-id") == "410"
    x0, y0, x1, y1 = bbox(korea.get("d"))
    circle = root.find(".//svg:circle", NS)
    assert x0 < float(circle.get("cx")) < x1 and y0 < float(circle.get("cy")) < y1
    # ... and not inside Japan's box, a neighbour's.
    jx0, jy0, jx1, jy1 = bbox(by_code(root, "JP").get("d"))
    assert not (jx0 < float(circle.get("cx")) < jx1 and jy0 < float(circle.get("cy")) < jy1)


def test_shaded_countries_get_darker_with_more_programs_and_say_so_in_a_tooltip():
    root = parse(world_map(title="t", countries={"KR": 40, "VN": 12, "MN": 3, "PE": 1, "EG": 2}))
    fills = {code: by_code(root, code).get("fill") for code in ("KR", "VN", "MN", "PE", "FR")}
    assert fills["FR"] is None  # unshaded: inherits the land colour of the group
    assert len({fills["KR"], fills["VN"], fills["MN"], fills["PE"]}) == 4

    def darkness(colour):
        return -sum(int(colour[i : i + 2], 16) for i in (1, 3, 5))

    assert darkness(fills["KR"]) > darkness(fills["VN"]) > darkness(fills["MN"]) > darkness(fills["PE"])
    assert by_code(root, "KR").find("svg:title", NS).text.endswith(": 40")
    legend = ["".join(t.itertext()) for t in root.find("svg:g[@class='map-legend']", NS).iter(f"{SVG}text")]
    assert legend == ["1–2", "3", "12", "40"]  # quartiles of the five counts


def test_country_keys_may_be_lowercase_alpha3_or_country_objects():
    from django_countries.fields import Country

    root = parse(world_map(title="t", countries={"kr": 1, "EGY": 2, Country("PE"): 3, "??": 4, "MN": 0}))
    assert by_code(root, "KR").get("fill") and by_code(root, "EG").get("fill") and by_code(root, "PE").get("fill")
    assert by_code(root, "MN").get("fill") is None


def test_points_with_urls_are_named_links_and_the_map_becomes_a_group():
    root = parse(world_map(points=[SEOUL, CAIRO], title="Partner cities", description="Cities that took part"))
    # An image's children are presentational, so links inside must not sit in role="img".
    assert root.get("role") == "group"
    links = root.findall(".//svg:a", NS)
    assert len(links) == 1
    assert links[0].get("href") == "/cities/seoul/"
    assert links[0].find("svg:title", NS).text == "Seoul: 12 programs"
    assert links[0].find("svg:circle", NS) is not None
    plain = [g for g in root.iter(f"{SVG}g") if g.get("class") == "map-point"]
    assert [g.find("svg:title", NS).text for g in plain] == ["Cairo"]
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"svg:title[@id='{title_id}']", NS).text == "Partner cities"
    assert root.find(f"svg:desc[@id='{desc_id}']", NS).text == "Cities that took part"


def test_names_and_urls_from_data_are_escaped():
    evil = MapPoint('<script>x</script>"', 0, 0, url='/c/?a=1&b="2"', label="<b>")
    svg = world_map(points=[evil], title="<script>t</script>")
    root = parse(svg)
    assert root.find(".//svg:a", NS).get("href") == '/c/?a=1&b="2"'
    assert root.find(".//svg:a/svg:title", NS).text == '<script>x</script>": <b>'
    assert "<script>" not in svg and not any(el.tag.endswith("script") for el in root.iter())


def test_points_with_impossible_coordinates_are_left_out():
    bad = [MapPoint("a", 91, 0), MapPoint("b", 0, 181), MapPoint("c", float("nan"), 0), MapPoint("d", None, 0)]
    root = parse(world_map(points=[*bad, CAIRO], title="t"))
    assert len(root.findall(".//svg:circle", NS)) == 1


def test_same_input_same_output_and_distinct_ids_for_distinct_maps():
    assert world_map(points=[SEOUL], countries={"KR": 2}, title="t") == world_map(
        points=[SEOUL], countries={"KR": 2}, title="t"
    )
    one = parse(world_map(points=[SEOUL], title="t")).get("aria-labelledby")
    two = parse(world_map(points=[CAIRO], title="t")).get("aria-labelledby")
    assert one != two


def test_no_edge_jumps_across_the_map_at_the_antimeridian():
    root = parse(world_map(title="t"))
    width = float(root.get("viewBox").split()[2])
    for path in country_paths(root):
        for ring in path_rings(path.get("d")):
            jumps = [abs(b[0] - a[0]) for a, b in zip(ring, ring[1:] + ring[:1], strict=True)]
            assert max(jumps) < width / 3, path.get("data-code")


def test_russia_and_fiji_are_drawn_on_both_sides_of_the_antimeridian():
    root = parse(world_map(title="t"))
    width = float(root.get("viewBox").split()[2])
    for code in ("RU", "FJ"):
        x0, _, x1, _ = bbox(by_code(root, code).get("d"))
        assert x0 < width * 0.2 and x1 > width * 0.8, code


def test_topojson_arcs_are_delta_decoded_and_reversed_by_negative_index():
    topology = {
        "transform": {"scale": [0.5, 2], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, -1]]],
    }
    arcs = decode_arcs(topology)
    assert arcs == [[(10, 20), (11, 20), (11, 22)], [(11, 22), (10, 20)]]
    assert ring_points([0, 1], arcs) == [(10, 20), (11, 20), (11, 22), (10, 20)]
    assert ring_points([-2, -1], arcs) == [(10, 20), (11, 22), (11, 20), (10, 20)]


def test_a_ring_across_the_antimeridian_is_split_into_two():
    ring = [(179, 0), (-179, 0), (-179, 1), (179, 1), (179, 0)]
    pieces = split_at_antimeridian(ring)
    assert len(pieces) == 2
    assert all(-180 <= lon <= 180 for piece in pieces for lon, _ in piece)
    assert {round(min(lon for lon, _ in piece)) for piece in pieces} == {179, -180}


def test_projection_is_symmetric_and_keeps_north_up():
    assert natural_earth(0, 0) == (0, 0)
    assert natural_earth(-90, 10)[0] == pytest.approx(-natural_earth(90, 10)[0])
    assert natural_earth(0, 60)[1] > natural_earth(0, 30)[1] > 0


@pytest.mark.parametrize(
    "counts, expected",
    [
        ([], []),
        ([0, 0], []),
        ([5], [(5, 5)]),
        ([1, 2, 2, 9], [(1, 1), (2, 2), (9, 9)]),
        ([1, 1, 1, 1, 2, 3, 4, 10, 40], [(1, 1), (2, 2), (3, 4), (10, 40)]),
        ([1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5], [(1, 1), (2, 3), (4, 5)]),
    ],
)
def test_shade_classes(counts, expected):
    assert shade_classes(counts) == expected
