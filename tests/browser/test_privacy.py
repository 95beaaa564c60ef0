"""/privacy/ in a real browser: an axe-core scan in English, Korean and Traditional Chinese, and the
footer link that reaches it from the home page."""

from axe_playwright_python.sync_playwright import Axe

from tests.participants.conftest import restore_first_notice

PREFIXES = ["", "/ko", "/zh-hant"]


def test_axe_finds_no_violation_on_the_privacy_page_in_any_language(site, page, artifacts):
    restore_first_notice()  # the live server's database is emptied between transactional tests
    axe = Axe()
    failures = {}
    for prefix in PREFIXES:
        response = page.goto(f"{site}{prefix}/privacy/")
        assert response.status == 200, prefix
        assert page.locator("h1").count() == 1
        assert page.locator("#notice-heading").inner_text().strip()
        result = axe.run(page)
        if result.violations_count:
            failures[f"{prefix}/privacy/"] = result.generate_report()
    report = "\n\n".join(f"{url}\n{text}" for url, text in failures.items()) or "no violations"
    (artifacts / "axe-report-privacy.txt").write_text(f"{len(PREFIXES)} pages scanned\n\n{report}\n", encoding="utf-8")
    assert failures == {}, report


def test_the_footer_leads_to_the_notice_in_the_pages_language(site, page):
    restore_first_notice()
    page.goto(f"{site}/ko/")
    page.locator("footer a[href='/ko/privacy/']").click()
    page.wait_for_url(f"{site}/ko/privacy/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("#notice-heading").inner_text().startswith("개인정보 처리방침")
