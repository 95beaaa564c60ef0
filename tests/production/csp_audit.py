"""Finds what a Content-Security-Policy without 'unsafe-inline' would block in an HTML page."""

from html.parser import HTMLParser

EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class InlineCodeFinder(HTMLParser):
    def __init__(self, nonce=None):
        super().__init__()
        self.nonce = nonce
        self.blocked = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        carries_nonce = self.nonce is not None and attributes.get("nonce") == self.nonce
        if tag == "script" and "src" not in attributes and not carries_nonce:
            if (attributes.get("type") or "").lower() in EXECUTABLE_SCRIPT_TYPES:
                self.blocked.append(f"inline <script> {self.getpos()}")
        if tag == "style" and not carries_nonce:
            self.blocked.append(f"inline <style> {self.getpos()}")
        for name, value in attrs:
            if name.startswith("on"):
                self.blocked.append(f"event handler {name}={value!r} on <{tag}>")
            if name == "style":
                self.blocked.append(f"style attribute {value!r} on <{tag}>")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"javascript: URL on <{tag}>")


def blocked_inline_code(html, nonce=None):
    finder = InlineCodeFinder(nonce)
    finder.feed(html)
    return finder.blocked
