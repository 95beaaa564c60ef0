"""The five languages added after English, Korean and Traditional Chinese (Spanish, French, Russian,
Arabic, Indonesian) in a real browser: an axe-core scan of a representative set of pages in each at
1280 and 360 px (the full sweep, every page in every language at both widths, is
``bench/axe_sweep.py``), and Arabic laid out right to left, with screenshots under test-artifacts/."""

import pytest
from axe_playwright_python.sync_playwright import Axe

NEW_LANGUAGES = ["es", "fr", "ru", "ar", "id"]
REPRESENTATIVE = [
    "/",
    "/programs/?theme=transportation&year_min=2014&year_max=2016",
    "/programs/2012-welfare-graduate-program-university-of-minnesota/",
    "/cities/cairo/",
    "/agreements/taipei-gyeonggi-civil-servants-exchange-training-mou-2017/",
    "/stats/",
    "/data/",
]
WIDTHS = {"desktop": (1280, 900), "phone": (360, 740)}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_axe_finds_no_violation_in_the_new_languages(site, browser, width):
    axe = Axe()
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, is_mobile=width == "phone")
    page = context.new_page()
    failures, scanned = {}, 0
    for language in NEW_LANGUAGES:
        for path in REPRESENTATIVE:
            response = page.goto(f"{site}/{language}{path}")
            assert response.status == 200, f"/{language}{path}"
            assert page.get_attribute("html", "lang") == language
            assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
            result = axe.run(page)
            scanned += 1
            if result.violations_count:
                failures[f"/{language}{path}"] = result.generate_report()
    context.close()
    assert scanned == len(NEW_LANGUAGES) * len(REPRESENTATIVE)
    assert failures == {}, "\n\n".join(f"{url}\n{report}" for url, report in failures.items())


def test_arabic_pages_read_right_to_left(site, browser, artifacts):
    for width, (w, h) in WIDTHS.items():
        context = browser.new_context(viewport={"width": w, "height": h}, locale="ar")
        page = context.new_page()
        for path, name in (("/ar/", "home"), ("/ar/programs/", "programs"), ("/ar/stats/", "stats")):
            page.goto(site + path)
            page.screenshot(path=str(artifacts / f"rtl-{name}-{width}.png"), full_page=True)
            # Nothing is wider than the screen (the wide tables scroll inside their own box).
            assert page.evaluate("document.documentElement.scrollWidth") <= w, (path, width)
        page.goto(site + "/ar/programs/")
        # The site name starts at the right edge, and the list's first item too.
        name = page.locator(".site-name").bounding_box()
        assert name["x"] + name["width"] > w * 0.6, width
        item = page.locator(".program-list li").first.bounding_box()
        assert item["x"] + item["width"] > w * 0.55, width
        context.close()


def test_the_arabic_theme_table_starts_at_the_newest_years_on_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(site + "/ar/stats/")
    box = page.locator("[data-scroll-newest]").first
    # Right to left, scrolling towards the end of the row goes negative; the newest year is then in view.
    assert box.evaluate("element => element.scrollLeft") < 0
    newest = page.locator(".theme-matrix thead th").nth(-2)
    in_view = newest.evaluate(
        "cell => { const r = cell.getBoundingClientRect(), b = cell.closest('[data-scroll-newest]')"
        ".getBoundingClientRect(); return r.left >= b.left - 1 && r.right <= b.right + 1; }"
    )
    assert in_view
    context.close()
