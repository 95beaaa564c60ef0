"""Security headers on every response, and a Content-Security-Policy that the pages and the admin obey."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from .csp_audit import blocked_inline_code

PUBLIC_URLS = ["/", "/ko/", "/zh-hant/", "/healthz", "/no-such-page/", "/static/css/site.css"]


def csp_directives(response):
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code in {200, 404}
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_hsts_is_sent_on_https_when_configured(client, settings):
    # Production sets SECURE_HSTS_SECONDS (tests/production/test_settings.py checks the real value).
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/healthz", secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/healthz").headers  # never over plain HTTP


def public_pages_without_parameters():
    """Every public page in the URL conf that takes no path parameter, in English and in Korean."""
    from .test_fuzz import ROUTES

    pages = []
    for route in ROUTES:
        if all(kind == "text" for kind, _, _ in route.pieces):
            path = "/" + "".join(text for _, text, _ in route.pieces)
            pages += [path, "/ko" + path] if route.localized else [path]
    return pages + ["/no-such-page/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", public_pages_without_parameters())
def test_public_pages_contain_nothing_the_policy_blocks(client, registry, url):
    response = client.get(url)
    if response.headers.get("Content-Type", "").startswith("text/html"):
        assert blocked_inline_code(response.content.decode()) == []
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_every_kind_of_linked_page_contains_nothing_the_policy_blocks(client, registry):
    """Follows links from the start pages, one page per URL pattern and language (detail pages included),
    so pages added later are audited without editing this test."""
    from collections import deque
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve
    from django.utils import translation

    queue, seen_patterns, audited, problems = deque(["/", "/ko/"]), set(), [], {}
    while queue and len(audited) < 80:
        url = queue.popleft()
        language = url.split("/")[1] if url.startswith(("/ko/", "/zh-hant/")) else "en"
        try:
            with translation.override(language):  # the language prefix resolves in its own language
                match = resolve(urlsplit(url).path)
        except Resolver404:
            continue
        key = (match.route, language)
        if key in seen_patterns or match.namespace == "admin":
            continue
        seen_patterns.add(key)
        response = client.get(url)
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        audited.append(url)
        if blocked := blocked_inline_code(html):
            problems[url] = blocked
        for link in re.findall(r'href="(/[^"#]*)"', html):
            if not link.startswith(("/static/", "/admin/")):
                queue.append(link.replace("&amp;", "&"))
    print(f"pages audited under the policy: {len(audited)}")
    assert any(re.search(r"/programs/[^/?]+/$", url) for url in audited), audited
    assert problems == {}


def test_the_audit_finds_each_kind_of_inline_code():
    html = '<script>go()</script><style>p{}</style><p style="x" onclick="y"><a href="javascript:z">'
    assert len(blocked_inline_code(html)) == 5
    assert blocked_inline_code('<script src="/static/a.js"></script><script type="application/json">1</script>') == []


@pytest.mark.django_db
def test_a_nonce_used_by_a_template_is_added_to_the_policy(rf, settings):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.template import engines

    template = engines["django"].from_string('<script nonce="{{ CSP_NONCE }}">let ready = true;</script>')

    def view(request):
        return HttpResponse(template.render({}, request))

    request = rf.get("/")
    response = CSPMiddleware(view)(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert len(nonce) >= 16
    assert f"'nonce-{nonce}'" in csp_directives(response)["script-src"]
    assert blocked_inline_code(response.content.decode(), nonce=nonce) == []


def admin_urls(request):
    """The admin index, each app index, and each registered model's list, add, change and history pages
    (change and history for the first stored object) that ``request.user`` may open."""
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    app_labels = set()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        app_labels.add(opts.app_label)
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[first.pk]))
    urls += [reverse("admin:app_list", args=[label]) for label in sorted(app_labels)]
    return urls


@pytest.mark.django_db
def test_admin_pages_work_under_the_policy(admin_client_logged_in, registry, rf, django_user_model):
    """The admin's own templates load scripts and styles from /static/ (Django 5.2 has no inline handlers);
    this crawl fails if an admin page or an installed admin add-on relies on inline code."""
    problems = {}
    request = rf.get("/admin/")
    request.user = django_user_model.objects.get(username="admin")
    urls = admin_urls(request)
    assert len(urls) > 10
    for url in urls:
        response = admin_client_logged_in.get(url)
        assert response.status_code == 200, url
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
        if blocked := blocked_inline_code(response.content.decode()):
            problems[url] = blocked
    assert problems == {}
    print(f"admin pages checked under the policy: {len(urls)}")
