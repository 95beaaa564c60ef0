"""What the privacy commands share: finding a person by email, acting as a user or as the system, and the
closing line of a command that erases."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from participants.models import Participant


def add_scope_arguments(parser):
    parser.add_argument("--email", required=True, help="The person's email address (any case).")
    parser.add_argument(
        "--as-user",
        metavar="USERNAME",
        help="Act as this account: its institute scope applies. By default the command acts as the system.",
    )


def account(username):
    if not username:
        return None
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"No user named {username!r}.") from None


def participants_by_email(email, user, may):
    """Every participant with ``email`` (any case) whom ``user`` ``may`` act on (``may(user, participant)``).
    Each institute registers its own record of a person, so one address may name several records: the
    commands act on each of them that the user may act on."""
    email = (email or "").strip()
    if not email:
        raise CommandError("Give the person's email address.")
    found = list(Participant.objects.filter(email__iexact=email).order_by("pk"))
    if not found:
        raise CommandError(f"No participant has the email {email!r} (an erased one has none).")
    return [participant for participant in found if may(user, participant)]


def report_erased(command, report, *, dry_run, verbosity, summary):
    """Write the ids erased (at -v2) and the closing line: "Erased: <summary>" (or "Would erase" in a dry run)."""
    if verbosity >= 2 and report.erased:
        command.stdout.write("Participant ids: " + ", ".join(str(pk) for pk in report.erased))
    verb = "Would erase (dry run, nothing changed)" if dry_run else "Erased"
    command.stdout.write(command.style.SUCCESS(f"{verb}: {summary}"))
