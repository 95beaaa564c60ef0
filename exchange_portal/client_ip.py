"""The client's IP address for django-axes' login lockout (``AXES_CLIENT_IP_CALLABLE``).

Behind ``TRUSTED_PROXY_COUNT`` proxies that each append the address they received the request from to
X-Forwarded-For, the client is the address that many places from the right: whatever the client
itself put in the header stands further left and is never read. With 0 (the default) only
REMOTE_ADDR counts, since without a proxy anyone can send an X-Forwarded-For header.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        # Not through the expected proxies (a health check, or a request made inside the network).
        return remote_addr
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote_addr
