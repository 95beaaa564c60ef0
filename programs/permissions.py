"""Who may see and edit what in the staff admin.

Institute staff (users in ``Institute.staff``) work on the records of their own institutes: programs
they host, those programs' enrollments and data-quality flags, and participants enrolled in them or
registered by the institute. Registry editors (the permission ``programs.edit_all_institutes``, held
by the "Registry editors" group) and superusers work on everything. Everyone else sees nothing.

Shared reference data (cities, networks, themes) is read by staff; holders of ``propose_<model>``
send change proposals that registry editors review (``programs/proposals.py``).

Every admin view asks the functions here, so querysets, form choices, object permissions, exports,
history and autocomplete follow one rule.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

EDITORS_GROUP = "Registry editors"
STAFF_GROUP = "Institute staff"

EDIT_ALL = "programs.edit_all_institutes"
VIEW_OTHER_PARTICIPANTS = "participants.view_other_institutes_participants"

# (app_label, model, codename, name): permissions no model's Meta declares; setup_roles creates them.
CUSTOM_PERMISSIONS = [
    ("programs", "institute", "edit_all_institutes", "Can edit the records of every institute"),
    ("cities", "city", "propose_city", "Can propose new cities and changes to cities"),
    ("cities", "network", "propose_network", "Can propose new networks and changes to networks"),
    ("programs", "theme", "propose_theme", "Can propose new themes and changes to themes"),
    (
        "participants",
        "participant",
        "view_other_institutes_participants",
        "Can look up participants of other institutes (email and phone masked)",
    ),
]

REFERENCE_MODELS = [
    ("cities", "city"),
    ("cities", "network"),
    ("cities", "agreement"),
    ("programs", "institute"),
    ("programs", "theme"),
]
# Reference records staff may propose changes to, each with its ``propose_<model>`` permission.
PROPOSABLE_MODELS = [
    ("cities", "city"),
    ("cities", "network"),
    ("programs", "theme"),
]
INSTITUTE_MODELS = [
    ("programs", "program"),
    ("programs", "targetcountry"),
    ("participants", "participant"),
    ("participants", "enrollment"),
]


def is_registry_editor(user):
    return bool(user and user.is_active and user.has_perm(EDIT_ALL))


def institute_ids(user):
    """Primary keys of the institutes the user is staff of (cached on the user for the request)."""
    if not user or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_registry_institute_ids", None)
    if cached is None:
        cached = frozenset(user.institutes.values_list("pk", flat=True))
        user._registry_institute_ids = cached
    return cached


def scope_institutes(queryset, user):
    """Institutes a user may pick as a program's host."""
    if is_registry_editor(user):
        return queryset
    return queryset.filter(pk__in=institute_ids(user))


def scope_programs(queryset, user, prefix=""):
    """Programs (or rows reached through ``prefix``, e.g. ``"program__"``) the user works on."""
    if is_registry_editor(user):
        return queryset
    return queryset.filter(**{f"{prefix}host__in": institute_ids(user)})


def participant_scope_q(user, prefix=""):
    """Participants of the user's institutes: enrolled in their programs or registered by them."""
    from participants.models import Enrollment

    ids = institute_ids(user)
    enrolled = Enrollment.objects.filter(program__host__in=ids).values("participant_id")
    return Q(**{f"{prefix}pk__in": enrolled}) | Q(**{f"{prefix}registered_by__in": ids})


def scope_participants(queryset, user):
    """Participants the user may open; those of other institutes only with the look-up permission."""
    if is_registry_editor(user) or user.has_perm(VIEW_OTHER_PARTICIPANTS):
        return queryset
    return queryset.filter(participant_scope_q(user))


def owns_participant(user, participant):
    """True when the user may edit the participant and see their email and phone."""
    if is_registry_editor(user):
        return True
    if participant is None or participant.pk is None:
        return bool(institute_ids(user))
    from participants.models import Participant

    return Participant.objects.filter(participant_scope_q(user), pk=participant.pk).exists()


def owns_program(user, program):
    if is_registry_editor(user):
        return True
    if program is None:
        return bool(institute_ids(user))
    return program.host_id in institute_ids(user)


def may_propose(user, opts):
    """True when the user may propose new records of the model and changes to its records."""
    return bool(user and user.is_active and user.has_perm(f"{opts.app_label}.propose_{opts.model_name}"))


def may_propose_any(user):
    return bool(user and user.is_active) and any(
        user.has_perm(f"{app_label}.propose_{model}") for app_label, model in PROPOSABLE_MODELS
    )


def may_review(user, opts, *, new):
    """Registry editors (and superusers) approve or reject proposals on models they may edit."""
    action = "add" if new else "change"
    return is_registry_editor(user) and user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def scope_proposals(queryset, user):
    """Change proposals a user may see: all for editors, else their own and their institutes'."""
    if is_registry_editor(user):
        return queryset
    return queryset.filter(Q(proposed_by=user.pk) | Q(institute__in=institute_ids(user)))


def mask_email(value):
    """``kim.minsu@example.org`` → ``k***@example.org``."""
    if not value:
        return ""
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def mask_phone(value):
    """Keep the last two digits only: ``+82 2 1234 5678`` → ``***78``."""
    digits = [c for c in value or "" if c.isdigit()]
    return f"***{''.join(digits[-2:])}" if digits else ""


def _permissions(models, actions):
    permissions = []
    for app_label, model in models:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        for action in actions:
            permissions.append(Permission.objects.get(content_type=content_type, codename=f"{action}_{model}"))
    return permissions


@transaction.atomic
def setup_roles():
    """Create or update the two groups and the custom permissions; safe to run again."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    for app_label, model, codename, name in CUSTOM_PERMISSIONS:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        Permission.objects.update_or_create(content_type=content_type, codename=codename, defaults={"name": name})

    staff, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    staff.permissions.set(
        _permissions(INSTITUTE_MODELS, ["add", "change", "delete", "view"])
        + _permissions(REFERENCE_MODELS, ["view"])
        + _permissions([("programs", "dataqualityflag")], ["view", "change"])
        + _permissions([("programs", "changeproposal")], ["view"])
    )

    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["cities", "programs", "participants"])
    )
    return staff, editors
