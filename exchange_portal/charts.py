"""Server-rendered SVG charts: vertical bars, horizontal (ranking) bars and a 100% share bar.

Every function returns a ``SafeString`` holding one inline ``<svg>`` that:

- scales to its container (``viewBox`` plus ``width="100%"``; the ``chart-svg`` class in
  ``static/css/site.css`` keeps the aspect ratio);
- is named by its ``<title>`` and ``<desc>`` through ``role="img"`` and ``aria-labelledby`` (the numbers
  themselves belong in an HTML table next to the chart, which the page provides);
- carries no ``style`` attribute and no script (the site's Content-Security-Policy has no
  'unsafe-inline'), only presentation attributes and ``chart-`` classes;
- escapes every piece of text, and writes no words of its own: all words come from the caller, so the
  caller's translations apply;
- is the same, byte for byte, for the same input (element ids are derived from a hash of the input).

Colours: text ``#1b1b1b`` and ``#4a4a4a`` (at least 8.9:1 on white), bars and segments at least 4.5:1 on
white (so white text inside a segment is readable too, and bars clear the 3:1 asked of graphics).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

SVG_NS = "http://www.w3.org/2000/svg"

TEXT = "#1b1b1b"  # 17.1:1 on white
MUTED = "#4a4a4a"  # 8.9:1 on white
GRID = "#d6d6d6"  # decorative gridlines only
BAR = "#0b5394"  # the site's accent, 7.9:1 on white
# Segments of a share bar, in order: blue, orange, green, purple, red, grey; each >= 4.5:1 on white.
PALETTE = ("#0b5394", "#a14a00", "#2e7d32", "#6a1b9a", "#b3261e", "#4a4a4a")

FONT_SIZE = 12

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- shared helpers (also used by exchange_portal/maps.py) ---------------------------------------


def text(value) -> str:
    """Text safe to put in SVG element content or an attribute value (``& < > " '`` escaped)."""
    return escape(_XML_INVALID.sub("", str(value)), quote=True)


def num(value: float, places: int = 2) -> str:
    """A coordinate: rounded, without trailing zeros ("12.5", "3", "-0.25")."""
    value = round(value, places)
    if value == int(value):
        return str(int(value))
    return f"{value:.{places}f}".rstrip("0")


def format_value(value: float) -> str:
    """A data value for people: grouped thousands in the active locale, at most two decimals."""
    value = round(float(value), 2)
    if value == int(value):
        return number_format(int(value), force_grouping=True)
    return number_format(value, decimal_pos=2 if round(value, 1) != value else 1, force_grouping=True)


def text_width(value: str, font_size: float = FONT_SIZE) -> float:
    """Rough rendered width: 0.6 em per Latin character, 1 em per wide (CJK) character."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in str(value)) * font_size


def truncate(value: str, max_width: float, font_size: float = FONT_SIZE) -> str:
    """Shorten ``value`` with an ellipsis so that it fits ``max_width``."""
    value = str(value)
    if text_width(value, font_size) <= max_width:
        return value
    while value and text_width(value + "…", font_size) > max_width:
        value = value[:-1]
    return value.rstrip() + "…"


def element_id(kind: str, *parts) -> str:
    """A stable id for one rendering: same input, same id; different input, different id."""
    payload = json.dumps([kind, *parts], default=str, ensure_ascii=False, sort_keys=True)
    return f"{kind}-{hashlib.sha1(payload.encode()).hexdigest()[:10]}"


def svg_document(
    body: Iterable[str],
    *,
    base_id: str,
    title: str,
    description: str,
    width: float,
    height: float,
    css_class: str,
    role: str = "img",
) -> SafeString:
    """Wrap ``body`` in an ``<svg>`` with a viewBox, title, description and ARIA wiring."""
    title_id, desc_id = f"{base_id}-title", f"{base_id}-desc"
    labelled_by = f"{title_id} {desc_id}" if description else title_id
    head = (
        f'<svg xmlns="{SVG_NS}" class="{css_class}" viewBox="0 0 {num(width)} {num(height)}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" role="{role}" aria-labelledby="{labelled_by}" '
        f'font-size="{FONT_SIZE}" fill="{TEXT}">'
        f'<title id="{title_id}">{text(title)}</title>'
    )
    if description:
        head += f'<desc id="{desc_id}">{text(description)}</desc>'
    return mark_safe(head + "".join(body) + "</svg>")


# --- scales ------------------------------------------------------------------------------------


def _values(data) -> list[tuple[str, float]]:
    """``(label, value)`` pairs with values as floats; missing or negative values count as 0."""
    rows = []
    for label, value in data:
        try:
            number = float(value or 0)
        except (TypeError, ValueError):
            number = 0.0
        if not math.isfinite(number) or number < 0:
            number = 0.0
        rows.append(("" if label is None else str(label), number))
    return rows


def nice_ticks(maximum: float, count: int = 4, integers: bool = True) -> list[float]:
    """Round axis ticks from 0 to at least ``maximum``: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw - 1e-12)
    if integers:
        step = max(1, math.ceil(step))
    steps = math.ceil(maximum / step - 1e-9)
    return [round(i * step, 10) for i in range(steps + 1)]


# --- charts ------------------------------------------------------------------------------------


def _value_axis(
    ticks: list[float], *, value_label: str, caption_y: float, top: float, width: int, height: int
) -> tuple[list[str], float, float, float, float]:
    """The y axis of the vertical bar charts: ``value_label`` as a caption at ``caption_y``, then a grid
    line and a label for each tick, the plot spanning ``top`` down to a baseline above the x labels.

    Returns the SVG parts and the plot's ``left``, ``plot_w``, ``plot_h`` and ``baseline``.
    """
    top_value = ticks[-1]
    tick_labels = [format_value(t) for t in ticks]
    left = max(text_width(label) for label in tick_labels) + 12
    right = 8
    bottom = FONT_SIZE + 14
    plot_w = max(width - left - right, 1)
    plot_h = max(height - top - bottom, 1)
    baseline = top + plot_h

    out = [f'<text class="chart-caption" x="0" y="{num(caption_y)}" fill="{MUTED}">{text(value_label)}</text>']
    out.append(f'<g class="chart-axis" fill="{MUTED}" text-anchor="end">')
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = baseline - tick / top_value * plot_h
        out.append(
            f'<line x1="{num(left)}" x2="{num(width - right)}" y1="{num(y)}" y2="{num(y)}" '
            f'stroke="{GRID if tick else MUTED}" stroke-width="1"/>'
            f'<text x="{num(left - 6)}" y="{num(y + FONT_SIZE * 0.35)}">{text(label)}</text>'
        )
    out.append("</g>")
    return out, left, plot_w, plot_h, baseline


def bar_chart(
    data: Sequence[tuple[str, float]],
    *,
    title: str,
    value_label: str,
    description: str = "",
    width: int = 640,
    height: int = 260,
    css_class: str = "chart-svg",
    missing_label: str = "",
) -> SafeString:
    """Vertical bars, one per ``(label, value)``, e.g. programs per year.

    The y axis has a few round ticks and is captioned with ``value_label``; x labels are thinned when
    they would overlap; a bar's value is written above it when it fits in the bar's width. With
    ``missing_label`` (e.g. "not reported"), a value of ``None`` is drawn as a dashed outline standing on
    the axis, named by that label, instead of as a bar of 0: an unknown is not a zero.
    """
    data = list(data)
    missing = [bool(missing_label) and value is None for _, value in data]
    rows = _values(data)
    base_id = element_id("chart", "bar", rows, title, value_label, description, width, height)
    integers = all(v == int(v) for _, v in rows)
    ticks = nice_ticks(max((v for _, v in rows), default=0), integers=integers)
    top_value = ticks[-1]

    caption_y = FONT_SIZE + 2
    top = caption_y + FONT_SIZE + 10
    out, left, plot_w, plot_h, baseline = _value_axis(
        ticks, value_label=value_label, caption_y=caption_y, top=top, width=width, height=height
    )

    if rows:
        band = plot_w / len(rows)
        bar_w = max(band * 0.72, 1)
        label_max = 120.0
        widest = max(text_width(truncate(label, label_max)) for label, _ in rows)
        every = max(1, math.ceil((widest + 6) / band))
        bars, values, labels = [], [], []
        # Values go above the bars when every one of them fits its band; some but not others would mislead.
        show_values = all(text_width(format_value(value)) <= band - 2 for _, value in rows)
        for i, (label, value) in enumerate(rows):
            x = left + i * band + (band - bar_w) / 2
            h = value / top_value * plot_h
            centre = num(x + bar_w / 2)
            if missing[i]:
                mark_h = min(plot_h, FONT_SIZE * 1.5)
                bars.append(
                    f'<rect class="chart-missing" x="{num(x)}" y="{num(baseline - mark_h)}" width="{num(bar_w)}" '
                    f'height="{num(mark_h)}" fill="none" stroke="{MUTED}" stroke-width="1" stroke-dasharray="3 2">'
                    f"<title>{text(label)}: {text(missing_label)}</title></rect>"
                )
                if text_width(missing_label) <= band - 2:  # said in words where it fits, else by its title
                    values.append(
                        f'<text class="chart-missing-label" x="{centre}" y="{num(baseline - mark_h - 4)}" '
                        f'fill="{MUTED}">{text(missing_label)}</text>'
                    )
            else:
                bars.append(
                    f'<rect class="chart-bar" x="{num(x)}" y="{num(baseline - h)}" width="{num(bar_w)}" '
                    f'height="{num(h)}" data-value="{text(num(value, 6))}">'
                    f"<title>{text(label)}: {text(format_value(value))}</title></rect>"
                )
                if show_values:
                    values.append(f'<text x="{centre}" y="{num(baseline - h - 4)}">{text(format_value(value))}</text>')
            if i % every == 0:
                labels.append(
                    f'<text x="{centre}" y="{num(baseline + FONT_SIZE + 4)}">{text(truncate(label, label_max))}</text>'
                )
        out.append(f'<g class="chart-bars" fill="{BAR}">{"".join(bars)}</g>')
        out.append(f'<g class="chart-values" text-anchor="middle">{"".join(values)}</g>')
        out.append(f'<g class="chart-labels" text-anchor="middle" fill="{MUTED}">{"".join(labels)}</g>')

    return svg_document(
        out, base_id=base_id, title=title, description=description, width=width, height=height, css_class=css_class
    )


def horizontal_bar_chart(
    data: Sequence[tuple[str, float]],
    *,
    title: str,
    value_label: str,
    description: str = "",
    width: int = 640,
    css_class: str = "chart-svg",
) -> SafeString:
    """Horizontal bars for a ranking (top countries, top cities), in the order given.

    Labels sit left of the bars (shortened with an ellipsis past 40% of the width; the full label is in
    the bar's tooltip), values right of them; the height grows with the number of rows.
    """
    rows = _values(data)
    base_id = element_id("chart", "hbar", rows, title, value_label, description, width)
    row_h, bar_h = 26, 16
    caption_y = FONT_SIZE + 2
    top = caption_y + 10
    height = top + max(len(rows), 1) * row_h + 6

    label_max = width * 0.4
    labels = [truncate(label, label_max) for label, _ in rows]
    shown = [format_value(v) for _, v in rows]
    label_w = max((text_width(label) for label in labels), default=0)
    value_w = max((text_width(s) for s in shown), default=0)
    x0 = 4 + label_w + 8
    bar_max = max(width - x0 - value_w - 12, 1)
    maximum = max((v for _, v in rows), default=0) or 1

    out = [f'<text class="chart-caption" x="0" y="{caption_y}" fill="{MUTED}">{text(value_label)}</text>']
    bars, names, values = [], [], []
    for i, ((label, value), short, value_text) in enumerate(zip(rows, labels, shown, strict=True)):
        y = top + i * row_h + (row_h - bar_h) / 2
        length = value / maximum * bar_max
        text_y = num(y + bar_h / 2 + FONT_SIZE * 0.35)
        bars.append(
            f'<rect class="chart-bar" x="{num(x0)}" y="{num(y)}" width="{num(length)}" height="{bar_h}" '
            f'data-value="{text(num(value, 6))}"><title>{text(label)}: {text(value_text)}</title></rect>'
        )
        names.append(f'<text x="{num(x0 - 8)}" y="{text_y}">{text(short)}</text>')
        values.append(f'<text x="{num(x0 + length + 4)}" y="{text_y}">{text(value_text)}</text>')
    out.append(f'<g class="chart-labels" text-anchor="end">{"".join(names)}</g>')
    out.append(f'<g class="chart-bars" fill="{BAR}">{"".join(bars)}</g>')
    out.append(f'<g class="chart-values">{"".join(values)}</g>')
    out.append(
        f'<line class="chart-axis" x1="{num(x0)}" x2="{num(x0)}" y1="{num(top)}" y2="{num(height - 6)}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    return svg_document(
        out, base_id=base_id, title=title, description=description, width=width, height=height, css_class=css_class
    )


def percentages(values: Sequence[float]) -> list[int]:
    """Whole percentages that add up to 100 (largest remainder method); all 0 when the total is 0."""
    total = sum(values)
    if total <= 0:
        return [0] * len(values)
    exact = [v * 100 / total for v in values]
    whole = [math.floor(e) for e in exact]
    order = sorted(range(len(values)), key=lambda i: (-(exact[i] - whole[i]), i))
    for i in order[: 100 - sum(whole)]:
        whole[i] += 1
    return whole


def share_bar(
    parts: Sequence[tuple[str, float]],
    *,
    title: str,
    description: str = "",
    width: int = 640,
    css_class: str = "chart-svg",
) -> SafeString:
    """One 100% stacked bar (e.g. on-site vs online) and a legend giving each part's percentage and value."""
    rows = _values(parts)
    base_id = element_id("chart", "share", rows, title, description, width)
    shares = percentages([v for _, v in rows])
    total = sum(v for _, v in rows)
    pad, bar_y, bar_h = 2, 2, 32
    bar_w = width - 2 * pad

    segments, inside = [], []
    x = float(pad)
    for i, ((label, value), pct) in enumerate(zip(rows, shares, strict=True)):
        if not total or not value:
            continue
        w = value / total * bar_w
        colour = PALETTE[i % len(PALETTE)]
        # A 1-unit white gap on each side keeps neighbouring segments apart.
        gap = 1 if w > 3 else 0
        segments.append(
            f'<rect class="chart-segment" data-series="{i % len(PALETTE)}" x="{num(x + gap)}" y="{bar_y}" '
            f'width="{num(max(w - 2 * gap, 0.5))}" '
            f'height="{bar_h}" fill="{colour}" data-value="{text(num(value, 6))}">'
            f"<title>{text(label)}: {text(_pct_text(value, pct))}</title></rect>"
        )
        label_pct = _pct_text(value, pct)
        if text_width(label_pct) + 8 <= w:
            inside.append(
                f'<text x="{num(x + w / 2)}" y="{num(bar_y + bar_h / 2 + FONT_SIZE * 0.35)}">{text(label_pct)}</text>'
            )
        x += w
    out = []
    if not segments:  # nothing to share out: an empty outlined track
        out.append(
            f'<rect class="chart-track" x="{pad}" y="{bar_y}" width="{num(bar_w)}" height="{bar_h}" fill="none" '
            f'stroke="{MUTED}" stroke-width="1"/>'
        )
    out.append(f'<g class="chart-segments">{"".join(segments)}</g>')
    out.append(f'<g class="chart-inside" fill="#ffffff" text-anchor="middle" font-weight="bold">{"".join(inside)}</g>')

    # Legend: swatch plus "label: 80% (1,234)", flowing onto new lines as needed.
    legend, lx, line = [], float(pad), 0
    legend_top, line_h, swatch = bar_y + bar_h + 10, 22, 12
    for i, ((label, value), pct) in enumerate(zip(rows, shares, strict=True)):
        entry = f"{truncate(label, width * 0.6)}: {_pct_text(value, pct)} ({format_value(value)})"
        item_w = swatch + 6 + text_width(entry) + 16
        if lx > pad and lx + item_w > width:
            lx, line = float(pad), line + 1
        y = legend_top + line * line_h
        legend.append(
            f'<g class="chart-legend-item"><rect data-series="{i % len(PALETTE)}" x="{num(lx)}" y="{num(y)}" '
            f'width="{swatch}" height="{swatch}" fill="{PALETTE[i % len(PALETTE)]}"/><text x="{num(lx + swatch + 6)}" '
            f'y="{num(y + swatch / 2 + FONT_SIZE * 0.35)}">{text(entry)}</text></g>'
        )
        lx += item_w
    out.append(f'<g class="chart-legend">{"".join(legend)}</g>')
    height = legend_top + (line + 1) * line_h if rows else bar_y + bar_h + 4
    return svg_document(
        out, base_id=base_id, title=title, description=description, width=width, height=height, css_class=css_class
    )


def _pct_text(value: float, pct: int) -> str:
    return "<1%" if value and pct == 0 else f"{pct}%"


def grouped_bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    value_label: str,
    description: str = "",
    width: int = 640,
    height: int = 300,
    css_class: str = "chart-svg",
) -> SafeString:
    """Side-by-side bars: for each category (a year), one bar per series (a theme, a country, a host).

    ``series`` are ``(name, values)`` with one value per category. A legend above the plot names each
    series by its swatch; each series has the class ``chart-series-N`` (N its position, modulo the
    palette) so that the print stylesheet can draw it in grey or outline, and every bar's tooltip says
    series, category and value. A category with no bar at all keeps its place on the axis, so gaps show.
    """
    categories = [str(c) for c in categories]
    rows = [(str(name), [v for _, v in _values(zip(categories, values, strict=False))]) for name, values in series]
    rows = [(name, values + [0.0] * (len(categories) - len(values))) for name, values in rows]
    base_id = element_id("chart", "grouped", categories, rows, title, value_label, description, width, height)
    integers = all(v == int(v) for _, values in rows for v in values)
    ticks = nice_ticks(max((v for _, values in rows for v in values), default=0), integers=integers)
    top_value = ticks[-1]

    # Legend: swatch plus name, flowing onto new lines as needed.
    swatch, line_h = FONT_SIZE, FONT_SIZE + 8
    legend, lx, line = [], 0.0, 0
    for i, (name, _) in enumerate(rows):
        label = truncate(name, width * 0.45)
        item_w = swatch + 6 + text_width(label) + 16
        if lx > 0 and lx + item_w > width:
            lx, line = 0.0, line + 1
        y = line * line_h + 2
        legend.append(
            f'<g class="chart-legend-item"><rect class="chart-series-{i % len(PALETTE)}" x="{num(lx)}" y="{num(y)}" '
            f'width="{swatch}" height="{swatch}" fill="{PALETTE[i % len(PALETTE)]}" stroke="{TEXT}" '
            f'stroke-width=".5"/><text x="{num(lx + swatch + 6)}" y="{num(y + swatch * 0.85)}">{text(label)}</text></g>'
        )
        lx += item_w
    legend_h = (line + 1) * line_h if rows else 0

    caption_y = legend_h + FONT_SIZE + 4
    top = caption_y + FONT_SIZE + 8
    height = max(height, top + 120)
    axis, left, plot_w, plot_h, baseline = _value_axis(
        ticks, value_label=value_label, caption_y=caption_y, top=top, width=width, height=height
    )
    out = [f'<g class="chart-legend">{"".join(legend)}</g>', *axis]

    if categories and rows:
        band = plot_w / len(categories)
        group_w = band * 0.84
        bar_w = max(group_w / len(rows), 0.5)
        widest = max(text_width(c) for c in categories)
        every = max(1, math.ceil((widest + 6) / band))
        groups, labels = [], []
        for s, (name, values) in enumerate(rows):
            bars = []
            for i, (category, value) in enumerate(zip(categories, values, strict=True)):
                x = left + i * band + (band - group_w) / 2 + s * bar_w
                h = value / top_value * plot_h
                bars.append(
                    f'<rect x="{num(x)}" y="{num(baseline - h)}" width="{num(bar_w)}" height="{num(h)}" '
                    f'data-value="{text(num(value, 6))}"><title>{text(name)}, {text(category)}: '
                    f"{text(format_value(value))}</title></rect>"
                )
            groups.append(
                f'<g class="chart-bars chart-series-{s % len(PALETTE)}" fill="{PALETTE[s % len(PALETTE)]}">'
                f"{''.join(bars)}</g>"
            )
        for i, category in enumerate(categories):
            if i % every == 0:
                labels.append(
                    f'<text x="{num(left + i * band + band / 2)}" y="{num(baseline + FONT_SIZE + 4)}">'
                    f"{text(category)}</text>"
                )
        out.extend(groups)
        out.append(f'<g class="chart-labels" text-anchor="middle" fill="{MUTED}">{"".join(labels)}</g>')

    return svg_document(
        out, base_id=base_id, title=title, description=description, width=width, height=height, css_class=css_class
    )
