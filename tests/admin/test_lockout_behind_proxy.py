"""The login lockout keys on the client's address: REMOTE_ADDR by default, the address the trusted
proxies put in X-Forwarded-For when TRUSTED_PROXY_COUNT says there are any."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

LOAD_BALANCER = "10.0.0.5"


def fail_logins(client, limit, **meta):
    for _attempt in range(limit):
        client.post(reverse("admin:login"), {"username": "staff-a", "password": "wrong"}, **meta)


def log_in(client, **meta):
    return client.post(reverse("admin:login"), {"username": "staff-a", "password": "pw-for-tests-1"}, **meta)


def test_without_trusted_proxies_a_forged_forwarded_header_does_not_escape_the_lockout(client, world, settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("admin:login"),
            {"username": "staff-a", "password": "wrong"},
            REMOTE_ADDR="198.51.100.20",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )
    assert log_in(client, REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}


def test_behind_one_proxy_the_lockout_keys_on_the_forwarded_client_address(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forged a header of its own; the load balancer appended the address it saw.
    fail_logins(
        client, settings.AXES_FAILURE_LIMIT, REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    forged_again = log_in(client, REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR="5.6.7.8, 203.0.113.7")
    assert forged_again.status_code == 429

    # Another client behind the same load balancer is not locked out.
    other = log_in(client, REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR="198.51.100.30")
    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(world.staff_a.pk)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (2, "192.0.2.1, 203.0.113.7, 10.1.1.1", "203.0.113.7"),  # CDN, then load balancer
        (2, "203.0.113.7", LOAD_BALANCER),  # fewer addresses than proxies: not through them
        (1, "not-an-address", LOAD_BALANCER),
        (1, "", LOAD_BALANCER),
        (1, "2001:db8::7", "2001:db8::7"),
    ],
)
def test_forwarded_addresses_are_counted_from_the_right(client, world, settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    fail_logins(client, 1, REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR=forwarded)
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [expected]
