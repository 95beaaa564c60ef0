"""Issue 15 in a real browser: comparing themes side by side on /stats/, /stats/ printed to a two-page PDF
(no navigation, filters or downloads; the address printed), phones at 360 px (chart and map text at
12 px or more, map targets of 24 px, the skip links), and filter forms that leave empty fields out of
the address. Screenshots (1280 px, 360 px) and the PDF go to test-artifacts/; axe finds no violation."""

import re

from axe_playwright_python.sync_playwright import Axe

# The smallest rendered size (px) of visible text in the charts, the maps and their legends.
MIN_TEXT_JS = """() => {
  const sizes = [];
  for (const el of document.querySelectorAll('figure svg text, figure li, figure p, figure figcaption')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || !el.textContent.trim()) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const matrix = el.getScreenCTM();
      sizes.push(size * Math.hypot(matrix.a, matrix.b));
    } else {
      sizes.push(size);
    }
  }
  return sizes.length ? Math.min(...sizes) : null;
}"""


def assert_no_axe_violation(page):
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


def test_two_themes_side_by_side_and_the_matrix_shows_its_newest_years(site, page, artifacts):
    page.goto(site + "/stats/?theme=transportation&theme=water")
    heading = page.get_by_role("heading", name="Side by side")
    assert heading.is_visible()
    chart = page.locator(".comparison svg.chart-wide")
    assert chart.is_visible()
    assert chart.locator(".chart-series-0 rect").count() == chart.locator(".chart-series-1 rect").count() > 1
    table = page.locator("table.compare-table")
    assert table.locator("thead th").all_inner_texts() == ["Year", "Transportation", "Water"]
    page.screenshot(path=artifacts / "stats-compare-desktop.png", full_page=True)
    assert_no_axe_violation(page)

    page.goto(site + "/stats/")
    region = page.locator("[data-scroll-newest]")
    box = region.bounding_box()
    newest = page.locator("table.theme-matrix thead th").nth(-2)  # the last year, before "Total"
    year_box = newest.bounding_box()
    assert box["x"] <= year_box["x"] and year_box["x"] + year_box["width"] <= box["x"] + box["width"] + 1
    total = page.locator("table.theme-matrix tfoot th")
    assert total.inner_text().startswith("All programs")
    region.screenshot(path=artifacts / "stats-matrix-desktop.png")


def test_stats_prints_as_a_two_page_report_without_navigation_or_forms(site, page, artifacts):
    page.goto(site + "/stats/?year_min=2005&q=")
    pdf = page.pdf(path=artifacts / "stats-print-filtered.pdf", format="A4", print_background=True)
    page.goto(site + "/stats/")
    pdf = page.pdf(path=artifacts / "stats-print.pdf", format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 2, pages

    page.emulate_media(media="print")
    for hidden in (".site-nav", "form.filters", ".exports", ".jump", ".language-switcher"):
        assert not page.locator(hidden).first.is_visible(), hidden
    source = page.locator(".print-source")
    assert source.is_visible() and source.inner_text().endswith("/stats/")
    # Half-width charts (the two per year side by side, online vs on-site) print their narrow drawing, so
    # that their text stays legible; the rankings' charts are left out (their tables say the same).
    assert page.locator(".year-charts .chart-narrow").first.is_visible()
    assert page.locator(".modes .chart-narrow").is_visible() and not page.locator(".modes .chart-wide").is_visible()
    assert not page.locator(".ranking figure").first.is_visible()
    page.screenshot(path=artifacts / "stats-print-media.png", full_page=True)

    page.goto(site + "/programs/?theme=transportation&year_min=2014&year_max=2019&q=")
    chips = page.locator(".chips")
    assert chips.is_visible() and "Transportation" in chips.inner_text()
    assert (
        page.locator(".print-source")
        .inner_text()
        .endswith("/programs/?theme=transportation&year_min=2014&year_max=2019")
    )
    page.emulate_media(media="screen")


def test_phone_charts_and_map_are_readable_and_skippable(site, browser, artifacts):
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        for path, name in (("/stats/", "stats-phone-360.png"), ("/", "home-phone-360.png")):
            page.goto(site + path)
            smallest = page.evaluate(MIN_TEXT_JS)
            assert smallest is not None and smallest >= 12, (path, smallest)
            page.screenshot(path=artifacts / name, full_page=True)
            assert_no_axe_violation(page)

        page.goto(site + "/stats/?theme=transportation&theme=water")
        assert page.evaluate(MIN_TEXT_JS) >= 12
        page.screenshot(path=artifacts / "stats-compare-phone-360.png", full_page=True)

        page.goto(site + "/")
        legend = page.locator(".map-legend-html")
        assert legend.is_visible() and "Shading: programs aimed at the country" in legend.inner_text()
        assert legend.locator("li").count() >= 2  # every class, with its swatch
        assert page.evaluate("document.querySelector('.map-scroll').scrollLeft") > 0  # centred on the cities
        target = page.locator(".map-hit").first.bounding_box()
        assert target["width"] >= 24 and target["height"] >= 24, target
        # A keyboard user passes the map's links with one link.
        skip = page.get_by_role("link", name="Skip the map’s links")
        skip.focus()
        assert skip.is_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "after-map"

        page.goto(site + "/cities/cairo/")
        assert page.locator("svg.locator-svg").is_visible()
        page.screenshot(path=artifacts / "city-phone-360.png", full_page=True)
        assert_no_axe_violation(page)

        page.goto(site + "/programs/")
        assert page.get_by_role("link", name="Go to the results").is_visible()
    finally:
        context.close()


def test_go_to_the_results_at_desktop_width_and_empty_fields_left_out_of_the_address(site, page, artifacts):
    page.goto(site + "/programs/")
    jump = page.get_by_role("link", name="Go to the results")
    assert jump.is_visible()
    page.get_by_label("Transportation").first.check()
    page.get_by_role("button", name="Show programs").click()
    page.wait_for_url(re.compile(r"theme=transportation"))
    assert "q=" not in page.url and "year=" not in page.url and "host=" not in page.url, page.url
    assert page.locator("h1").inner_text() == "Transportation programs"
    assert page.title().startswith("Transportation programs")
    page.screenshot(path=artifacts / "list-transportation-desktop.png")
