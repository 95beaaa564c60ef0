"""The smallest rendered text in charts and maps at 360 and 1280 px, and each page's HTML raw and as served.

    .venv/bin/python manage.py runserver 127.0.0.1:8765 --noreload &   # any running portal
    .venv/bin/python bench/text_sizes.py http://127.0.0.1:8765

Issue 15 asks for at least 12 px of rendered text in charts and the map on a 360 px phone. For every SVG
<text> the size is its font-size times the screen transform's scale; for HTML labels, the computed
font-size. Prints the three smallest per page and width, then the bytes of each page uncompressed and
with ``Accept-Encoding: gzip``. Drives Debian's Chromium through Playwright, as the browser tests do.
"""

import gzip
import sys
import urllib.request

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8765"
PAGES = [
    "/",
    "/stats/",
    "/stats/?theme=transportation&theme=water",
    "/cities/",
    "/cities/cairo/",
    "/themes/water/",
    "/programs/",
]
JS = """() => { const out = [];
 for (const el of document.querySelectorAll('svg text, figure *, .map-legend *')) {
   const r = el.getBoundingClientRect(); if (!r.width || !r.height) continue;
   if (!el.closest('figure, .map-legend-html')) continue;
   const cs = getComputedStyle(el); if (cs.display === 'none' || cs.visibility === 'hidden') continue;
   if (el.closest('[hidden]') || el.offsetParent === null && !(el instanceof SVGElement)) continue;
   let size = parseFloat(cs.fontSize);
   if (el instanceof SVGElement) {
     if (el.tagName !== 'text') continue;
     const m = el.getScreenCTM(); size = size * Math.hypot(m.a, m.b); }
   else if (!el.textContent.trim() || el.children.length) continue;
   out.push([Math.round(size*10)/10, el.textContent.trim().slice(0,30)]); }
 out.sort((a,b)=>a[0]-b[0]); return out.slice(0,3); }"""
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
    for width in (360, 1280):
        page = b.new_page(viewport={"width": width, "height": 800})
        for path in PAGES:
            page.goto(BASE + path)
            print(width, path, page.evaluate(JS))
        page.close()
    b.close()
for path in PAGES:
    raw = urllib.request.urlopen(BASE + path).read()
    req = urllib.request.Request(BASE + path, headers={"Accept-Encoding": "gzip"})
    resp = urllib.request.urlopen(req)
    body = resp.read()
    encoding = resp.headers.get("Content-Encoding")
    print(f"{path}: {len(raw)} bytes raw; served with Accept-Encoding gzip: {len(body)} bytes ({encoding})")
    print(f"    gzip -6 of the raw page would be {len(gzip.compress(raw, 6))} bytes")
