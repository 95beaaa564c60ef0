"""Who may see and edit what in the staff admin.

Institute staff (users in ``Institute.staff``) work on the records of their own institutes: programs
they host, those programs' enrollments and data-quality flags, and the participants their institute
registered (``Participant.registered_by``). Registry editors (the permission
``programs.edit_all_institutes``, held by the "Registry editors" group) and superusers work on
everything. Everyone else sees nothing.

Personal data (a participant's email and phone) belongs to the registering institute alone: staff who
may see a participant they do not own (enrolled in one of their programs, or found with the look-up
permission) see those fields masked, and may not filter, sort or search by them. Enrolling someone
never makes their personal data yours.

Shared reference data (cities, networks, themes) is read by staff; holders of ``propose_<model>``
send change proposals that registry editors review (``exchange_portal/proposals.py``).

The rule is one QuerySet method on every scoped model, ``for_user(user, action)`` (with
``owned_by(user)`` for personal data); the admin's querysets, form choices, object permissions,
lookups, exports, history and autocomplete, and the imports, all ask it.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import BooleanField, Case, F, Value, When

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


class InstituteScopedQuerySet(models.QuerySet):
    """Records that belong to host institutes: ``institute_path`` leads from a record to its
    institute (``"host"`` for a program, ``"program__host"`` for its enrollments and flags)."""

    institute_path = "pk"

    def for_user(self, user, action="view"):
        """The records ``user`` may ``action`` ("view", "change", "delete"): every record for registry
        editors, those of the user's institutes for institute staff, none for anyone else."""
        if is_registry_editor(user):
            return self
        return self.filter(**{f"{self.institute_path}__in": institute_ids(user)})


class PersonalDataQuerySet(models.QuerySet):
    """Records holding personal data in ``personal_fields``. ``for_user`` says who may see a record;
    ``owned_by`` whose personal data it is. Anyone else who may see the record sees those fields
    masked, and may not filter, sort or search by them (``exchange_portal/admin/base.py``)."""

    personal_fields = ()

    def ownership(self, user):
        """The condition (a ``Q``) a record meets when its personal data is ``user``'s, or ``None``
        when every record's is (registry editors)."""
        raise NotImplementedError

    def owned_by(self, user):
        condition = self.ownership(user)
        return self if condition is None else self.filter(condition)

    def masks_personal_data_for(self, user):
        """True when ``user`` may meet records whose personal fields are not theirs to read."""
        return self.ownership(user) is not None

    def with_personal_data_visible(self, user):
        """Each record with ``personal_data_visible`` (may ``user`` read its personal fields?) and, for
        each personal field, ``visible_<field>``: its value where visible, else empty; search on those."""
        condition = self.ownership(user)
        if condition is None:
            visible = Value(True, output_field=BooleanField())
            fields = {f"visible_{name}": F(name) for name in self.personal_fields}
        else:
            visible = Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())
            fields = {
                f"visible_{name}": Case(
                    When(condition, then=F(name)), default=Value(""), output_field=models.CharField()
                )
                for name in self.personal_fields
            }
        return self.annotate(personal_data_visible=visible, **fields)


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
        + _permissions([("exchange_portal", "changeproposal")], ["view"])
    )

    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["exchange_portal", "cities", "programs", "participants"])
    )
    return staff, editors
