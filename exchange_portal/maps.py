"""A world map as inline SVG: country shapes shipped with the project, shaded by count, and points.

The shapes are Natural Earth's 1:110m Admin 0 countries from the npm package world-atlas
(``exchange_portal/data/countries-110m.json``, see ``exchange_portal/data/README.md``), decoded here from TopoJSON and
drawn in the Natural Earth projection. Antarctica is left out (no partner city there; leaving it out
makes the map a sixth shorter), and the height is cropped to the land drawn. Decoding and projecting
happen once per process and width (``_base_map``); a request only writes the shaded countries and the
points.

Nothing is loaded from another host, there is no script and no ``style`` attribute.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils import translation
from django.utils.safestring import SafeString
from django_countries import countries as all_countries

from exchange_portal.charts import FONT_SIZE, MUTED, SVG_NS, element_id, format_value, num, svg_document, text

DATA_FILE = Path(__file__).resolve().parent / "data" / "countries-110m.json"
OMITTED = frozenset({"010"})  # Antarctica (ISO 3166-1 numeric 010)

LAND = "#e2e2e2"
BORDER = "#ffffff"
# Shading steps, light to dark; each at least 3:1 against white and against LAND.
SHADES = ("#4a7fc0", "#2c6aa8", "#1a4f85", "#0b2f57")  # 4.1, 5.6, 8.4, 13.5:1 on white; >= 3.2:1 on LAND
POINT = "#c0392b"  # 5.4:1 on white, 4.2:1 on LAND; its white ring (>= 4.1:1 on every shade) sets it off shaded land
PAD = 4  # viewBox units around the land


@dataclass(frozen=True)
class MapPoint:
    name: str
    latitude: float
    longitude: float
    url: str = ""
    label: str = ""


@dataclass(frozen=True)
class _Country:
    numeric: str  # ISO 3166-1 numeric as world-atlas writes it ("410"), "" for Kosovo, N. Cyprus, Somaliland
    code: str  # ISO 3166-1 alpha-2 ("KR"), "" when there is no numeric code
    path: str  # SVG path data, already projected and rounded
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # projected x0, y0, x1, y1

    @property
    def attributes(self) -> str:
        out = f'd="{self.path}"'
        if self.numeric:
            out += f' data-id="{self.numeric}"'
        if self.code:
            out += f' data-code="{self.code}"'
        return out


@dataclass(frozen=True)
class _BaseMap:
    width: float
    height: float
    scale: float
    x_offset: float
    y_offset: float
    countries: tuple[_Country, ...]
    unshaded: tuple[str, ...] = ()  # each country's <path> element as drawn when it is not shaded

    def project(self, latitude: float, longitude: float) -> tuple[float, float]:
        x, y = natural_earth(longitude, latitude)
        return x * self.scale + self.x_offset, -y * self.scale + self.y_offset


# --- projection and TopoJSON --------------------------------------------------------------------


def natural_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """The Natural Earth projection (Šavrič, Jenny, Patterson et al. 2011) in radians, y pointing north."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute (longitude, latitude) points of every arc: quantized arcs are delta-encoded."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def ring_points(indexes: Iterable[int], arcs: Sequence[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join a ring's arcs; a negative index ``~i`` means arc ``i`` reversed. Shared end points appear once."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def split_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses ±180° (Fiji, Chukotka) as one or two rings inside [-180, 180]."""
    if not ring or max(p[0] for p in ring) - min(p[0] for p in ring) <= 180:
        return [ring]
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        unwrapped.append((lon, lat))
    pieces = []
    for shift in (-360, 0, 360):
        shifted = [(lon + shift, lat) for lon, lat in unwrapped]
        piece = _clip(_clip(shifted, -180, keep_above=True), 180, keep_above=False)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def _clip(ring: list[tuple[float, float]], edge: float, *, keep_above: bool) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: the part of a ring on one side of the meridian ``edge`` (in unwrapped degrees)."""

    def inside(p):
        return p[0] >= edge if keep_above else p[0] <= edge

    out: list[tuple[float, float]] = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current):
            if not inside(previous):
                out.extend(_crossing(previous, current, edge))
            out.append(current)
        elif inside(previous):
            out.extend(_crossing(previous, current, edge))
    return out


def _crossing(a, b, edge):
    t = (edge - a[0]) / (b[0] - a[0])
    return [(edge, a[1] + t * (b[1] - a[1]))]


def _path(rings: Iterable[list[tuple[float, float]]], project, min_step: int = 5) -> str:
    """Compact path data: tenths of a unit, relative moves; a point less than ``min_step`` tenths (in
    x plus y) from the last one kept is dropped, and so is a ring left with fewer than three points."""
    parts = []
    for ring in rings:
        if ring and ring[0] == ring[-1]:
            ring = ring[:-1]
        kept: list[tuple[int, int]] = []
        for lon, lat in ring:
            x, y = project(lat, lon)
            point = (round(x * 10), round(y * 10))
            if not kept or abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= min_step:
                kept.append(point)
        while len(kept) > 1 and abs(kept[-1][0] - kept[0][0]) + abs(kept[-1][1] - kept[0][1]) < min_step:
            kept.pop()
        if len(kept) < 3:
            continue
        out = [f"M{_tenths(kept[0][0])} {_tenths(kept[0][1])}l"]
        for (px, py), (x, y) in zip(kept, kept[1:], strict=False):
            out.append(_pair(x - px, y - py))
        out.append("z")
        parts.append("".join(out).replace("l ", "l", 1))
    return "".join(parts)


def _tenths(value: int) -> str:
    sign, value = ("-", -value) if value < 0 else ("", value)
    whole, tenth = divmod(value, 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _pair(dx: int, dy: int) -> str:
    """' 1.2 -.3' style: a space before each number unless a minus sign separates it."""
    a, b = _tenths(dx), _tenths(dy)
    return (a if a.startswith("-") else " " + a) + (b if b.startswith("-") else " " + b)


@lru_cache(maxsize=8)
def _base_map(width: float) -> _BaseMap:
    topology = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    geometries = [g for g in topology["objects"]["countries"]["geometries"] if g.get("id") not in OMITTED]
    shapes = []
    for geometry in geometries:
        rings = []
        for polygon in polygons(geometry):
            for indexes in polygon:
                rings.extend(split_at_antimeridian(ring_points(indexes, arcs)))
        shapes.append((geometry, rings))

    # Scale so that the whole ±180° width fits; crop the height to the land drawn.
    half_width = natural_earth(180, 0)[0]
    scale = (width - 2 * PAD) / (2 * half_width)
    ys = [natural_earth(lon, lat)[1] for _, rings in shapes for ring in rings for lon, lat in ring]
    top, bottom = max(ys), min(ys)
    height = math.ceil((top - bottom) * scale + 2 * PAD)
    base = _BaseMap(width, height, scale, width / 2, top * scale + PAD, ())

    countries = []
    for geometry, rings in shapes:
        numeric = str(geometry.get("id") or "")
        code = all_countries.alpha2(numeric) if numeric else ""
        # A country too small to survive simplification at this width is drawn unsimplified.
        path = _path(rings, base.project) or _path(rings, base.project, min_step=1)
        projected = [base.project(lat, lon) for ring in rings for lon, lat in ring]
        box = (
            (
                min(x for x, _ in projected),
                min(y for _, y in projected),
                max(x for x, _ in projected),
                max(y for _, y in projected),
            )
            if projected
            else (0.0, 0.0, 0.0, 0.0)
        )
        countries.append(_Country(numeric, code if len(code) == 2 else "", path, box))
    unshaded = tuple(f"<path {country.attributes}/>" for country in countries)
    return _BaseMap(width, height, base.scale, base.x_offset, base.y_offset, tuple(countries), unshaded)


# --- shading ------------------------------------------------------------------------------------


def shade_classes(counts: Iterable[float]) -> list[tuple[float, float]]:
    """Up to four (low, high) classes of the positive counts: each distinct value when there are at
    most four, otherwise quartiles of the counts (fewer classes when quartiles coincide)."""
    values = sorted(v for v in counts if v > 0)
    if not values:
        return []
    distinct = sorted(set(values))
    if len(distinct) <= len(SHADES):
        return [(v, v) for v in distinct]
    n = len(values)
    uppers = sorted({values[max(math.ceil(q * n) - 1, 0)] for q in (0.25, 0.5, 0.75, 1.0)})
    classes, low = [], None
    for upper in uppers:
        members = [v for v in values if (low is None or v > low) and v <= upper]
        classes.append((members[0], upper))
        low = upper
    return classes


def _shades_for(count: int) -> list[str]:
    if count == 1:
        return [SHADES[2]]
    return [SHADES[round(i * (len(SHADES) - 1) / (count - 1))] for i in range(count)]


@lru_cache(maxsize=16)
def _country_names(language: str | None) -> dict[str, str]:
    """Alpha-2 code → country name in ``language``, looked up once per process and language."""
    with translation.override(language):
        return {code: str(name) for code, name in all_countries}


def _normalise_code(key, known: Mapping[str, str]) -> str:
    code = str(getattr(key, "code", key) or "").strip().upper()
    return code if code in known else all_countries.alpha2(code)


# --- the map ------------------------------------------------------------------------------------


def world_map(
    *,
    points: Sequence[MapPoint] = (),
    countries: Mapping[str, float] | None = None,
    title: str,
    description: str = "",
    legend_title: str = "",
    legend: bool = True,
    width: int = 960,
) -> SafeString:
    """The world with ``countries`` (alpha-2 code → count) shaded and ``points`` drawn as circles.

    A point with a ``url`` is a link (keyboard-reachable, named by its ``<title>``: name and label);
    when there are links the ``<svg>`` has role ``group`` rather than ``img``, because an image's
    children are hidden from assistive technology and a link inside one is an accessibility error.
    Points with a missing or impossible latitude/longitude are left out. Empty input gives the bare map.
    """
    base = _base_map(float(width))
    names = _country_names(translation.get_language())
    counts: dict[str, float] = {}
    for key, value in (countries or {}).items():
        code = _normalise_code(key, names)
        try:
            number = float(value or 0)
        except (TypeError, ValueError):
            continue
        if code and math.isfinite(number) and number > 0:
            counts[code] = counts.get(code, 0) + number
    drawn = [p for p in points if _valid(p)]
    base_id = element_id(
        "map",
        width,
        title,
        description,
        legend_title,
        legend,
        sorted(counts.items()),
        [(p.name, p.latitude, p.longitude, p.url, p.label) for p in drawn],
    )

    classes = shade_classes(counts.values())
    colours = _shades_for(len(classes))

    def colour(count):
        return next(c for (_, high), c in zip(classes, colours, strict=True) if count <= high)

    out = [
        f'<g class="map-countries" fill="{LAND}" stroke="{BORDER}" stroke-width=".5" stroke-linejoin="round" '
        f'aria-hidden="true">'
    ]
    for country, plain in zip(base.countries, base.unshaded, strict=True):
        count = counts.get(country.code) if country.code else None
        if count:
            name = names.get(country.code) or country.code
            out.append(
                f'<path class="map-shaded" {country.attributes} fill="{colour(count)}">'
                f"<title>{text(name)}: {text(format_value(count))}</title></path>"
            )
        else:
            out.append(plain)
    out.append("</g>")

    if classes and legend:
        out.append(_legend(classes, colours, base, legend_title))

    has_links = any(p.url for p in drawn)
    if drawn:
        radius = max(3.0, width / 160)
        r = num(radius, 1)
        # Each link's target: an invisible circle 32 units across around its dot (24 px or more
        # wherever the map is drawn at least 720 px wide, which the stylesheet ensures).
        hit = num(width / 60, 1)
        out.append(f'<g class="map-points" fill="{POINT}" stroke="#ffffff" stroke-width="{num(radius / 3)}">')
        for point in drawn:
            x, y = base.project(float(point.latitude), float(point.longitude))
            name = f"{point.name}: {point.label}" if point.label else point.name
            dot = f'<circle class="map-dot" cx="{num(x, 1)}" cy="{num(y, 1)}" r="{r}"/>'
            if point.url:
                dot = (
                    f'<circle class="map-hit" cx="{num(x, 1)}" cy="{num(y, 1)}" r="{hit}" fill="transparent" '
                    f'stroke="none"/>{dot}'
                )
                out.append(f'<a class="map-point" href="{text(point.url)}"><title>{text(name)}</title>{dot}</a>')
            else:
                out.append(f'<g class="map-point"><title>{text(name)}</title>{dot}</g>')
        out.append("</g>")

    return svg_document(
        out,
        base_id=base_id,
        title=title,
        description=description,
        width=base.width,
        height=base.height,
        css_class="map-svg",
        role="group" if has_links else "img",
    )


def _valid(point: MapPoint) -> bool:
    try:
        lat, lon = float(point.latitude), float(point.longitude)
    except (TypeError, ValueError):
        return False
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def _legend(classes, colours, base: _BaseMap, legend_title: str = "") -> str:
    """Its title and every class's swatch with its count range, in the empty South Pacific at the
    bottom left."""
    size = max(FONT_SIZE, round(base.width / 60))
    line = size + 8
    x = base.width * 0.04
    y = base.height - PAD - line * len(classes)
    items = []
    if legend_title:
        items.append(
            f'<text class="map-legend-title" x="{num(x)}" y="{num(y - 8)}" font-weight="bold">'
            f"{text(legend_title)}</text>"
        )
    for i, ((low, high), fill) in enumerate(zip(classes, colours, strict=True)):
        label = format_value(low) if low == high else f"{format_value(low)}–{format_value(high)}"
        top = y + i * line
        items.append(
            f'<rect x="{num(x)}" y="{num(top)}" width="{size * 1.5}" height="{size}" fill="{fill}"/>'
            f'<text x="{num(x + size * 1.5 + 6)}" y="{num(top + size * 0.85)}">{text(label)}</text>'
        )
    return f'<g class="map-legend" aria-hidden="true" fill="{MUTED}" font-size="{size}">{"".join(items)}</g>'


# --- a city's locator map -----------------------------------------------------------------------

LOCATOR_WORLD_WIDTH = 2880  # the world drawn this wide, of which the locator shows a window (about 60°)
LOCATOR_HIGHLIGHT = SHADES[1]


def locator_map(
    point: MapPoint,
    *,
    country: str = "",
    title: str,
    description: str = "",
    width: int = 480,
    height: int = 300,
) -> SafeString:
    """A small map around one city: its region of the world (``width`` × ``height`` units of a world
    drawn 2,880 units wide, about 60° of longitude), its ``country`` (alpha-2) shaded, the city a dot.

    Only the countries that reach into the window are written, so the map weighs a few kilobytes rather
    than the whole world's; an impossible coordinate gives the empty string."""
    if not _valid(point):
        return SafeString("")
    base = _base_map(float(LOCATOR_WORLD_WIDTH))
    x, y = base.project(float(point.latitude), float(point.longitude))
    x0 = min(max(x - width / 2, 0), base.width - width)
    y0 = min(max(y - height / 2, 0), max(base.height - height, 0))
    x1, y1 = x0 + width, y0 + height
    code = _normalise_code(country, _country_names(translation.get_language())) if country else ""
    base_id = element_id(
        "locator", width, height, title, description, point.name, point.latitude, point.longitude, code
    )

    out = [
        f'<rect class="map-sea" x="0" y="0" width="{width}" height="{height}" fill="#f4f8fb"/>',
        f'<g transform="translate({num(-x0)} {num(-y0)})">',
        f'<g class="map-countries" fill="{LAND}" stroke="{BORDER}" stroke-width="1" stroke-linejoin="round" '
        f'aria-hidden="true">',
    ]
    for item in base.countries:
        bx0, by0, bx1, by1 = item.box
        if bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1:
            continue
        if code and item.code == code:
            out.append(f'<path class="map-shaded" {item.attributes} fill="{LOCATOR_HIGHLIGHT}"/>')
        else:
            out.append(f"<path {item.attributes}/>")
    out.append("</g>")
    out.append(
        f'<g class="map-points"><circle class="map-halo" cx="{num(x, 1)}" cy="{num(y, 1)}" r="14" fill="none" '
        f'stroke="{POINT}" stroke-width="2"/><circle class="map-dot" cx="{num(x, 1)}" cy="{num(y, 1)}" r="6" '
        f'fill="{POINT}" stroke="#ffffff" stroke-width="2"/></g>'
    )
    out.append("</g>")
    return svg_document(
        out,
        base_id=base_id,
        title=title,
        description=description,
        width=width,
        height=height,
        css_class="map-svg locator-svg",
    )


def legend_html(countries: Mapping[str, float] | None, *, title: str) -> SafeString:
    """The shading's legend as HTML, for below the map: ``title`` and every class with its swatch (a
    tiny inline SVG, since the Content-Security-Policy allows no style attribute). Text in HTML stays
    at the page's size on a phone, where text inside a scaled-down map would not; "" without classes."""
    positive = []
    for value in (countries or {}).values():
        try:
            number = float(value or 0)
        except (TypeError, ValueError):
            continue
        if math.isfinite(number) and number > 0:
            positive.append(number)
    classes = shade_classes(positive)
    if not classes:
        return SafeString("")
    items = []
    for (low, high), fill in zip(classes, _shades_for(len(classes)), strict=True):
        label = format_value(low) if low == high else f"{format_value(low)}–{format_value(high)}"
        items.append(
            f'<li><svg xmlns="{SVG_NS}" width="24" height="14" viewBox="0 0 24 14" aria-hidden="true" '
            f'focusable="false">'
            f'<rect width="24" height="14" fill="{fill}"/></svg> {text(label)}</li>'
        )
    return SafeString(
        f'<div class="map-legend-html"><p class="map-legend-heading">{text(title)}</p><ul>{"".join(items)}</ul></div>'
    )
