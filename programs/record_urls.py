"""URLs of records by slug for pages that name hundreds of records (a page of the API, a page of a
sitemap): each kind of URL is reversed once, with a placeholder slug, and filled in per record. A
reverse() per record cost more than the rest of such a page."""

PLACEHOLDER = "slug-placeholder"


class SlugUrls:
    """URL templates kept by key (a model, a URL name, a language …), each prefixed with ``origin``."""

    def __init__(self, origin=""):
        self.origin = origin
        self.templates = {}

    def fill(self, key, make_path, slug):
        """``make_path(slug)``, reversed once per ``key`` with the placeholder, then filled in."""
        if key not in self.templates:
            prefix, _, suffix = make_path(PLACEHOLDER).partition(PLACEHOLDER)
            self.templates[key] = (self.origin + prefix, suffix)
        prefix, suffix = self.templates[key]
        # No quoting needed: a slug has only the characters the URLs' <slug:…> converter takes.
        return f"{prefix}{slug}{suffix}"

    def record_page(self, key, model, slug):
        """The public page of the ``model`` record with this slug (its ``get_absolute_url``, called once on an
        unsaved record built from the placeholder slug alone)."""
        return self.fill(key, lambda slug: model(slug=slug).get_absolute_url(), slug)
