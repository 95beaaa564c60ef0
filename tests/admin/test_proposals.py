"""Change proposals on shared reference data: staff with ``propose_<model>`` propose new cities,
networks and themes and changes to them; registry editors approve (the change lands in the record's
history under the editor's name, with the reason) or reject with a note; everyone else is kept out."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cities.models import City, Network
from exchange_portal.models import ChangeProposal
from exchange_portal.proposals import proposal_approve, proposal_submit
from programs.models import Theme
from tests.factories import CityFactory, StaffUserFactory

CHANGELIST = "admin:exchange_portal_changeproposal_changelist"

# (admin URL prefix, permission, attribute of `world` holding the record, a field and a new value)
PROPOSABLE = [
    ("cities_city", "propose_city", "seoul", "name_en", "Seoul Special City"),
    ("cities_network", "propose_network", "network", "short_name", "CN"),
    ("programs_theme", "propose_theme", "theme", "description_en", "Plans, zoning and urban design."),
]


def grant(client, user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(user)  # a fresh user object, so a fresh permission cache
    return client


def form_data(page, **changes):
    """What the browser would send back from a proposal page: its prefilled values, plus ``changes``."""
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {name: [str(v) for v in value] if isinstance(value, list) else str(value) for name, value in data.items()}
    return {**data, "proposal-reason": "The city's own website uses this name.", **changes}


def propose(client, url, **changes):
    return client.post(url, form_data(client.get(url), **changes))


def act(client, action, proposals, **extra):
    return client.post(
        reverse(CHANGELIST), {"action": action, "_selected_action": [p.pk for p in proposals], **extra}, follow=True
    )


@pytest.fixture
def proposer(client, world):
    return grant(client, world.staff_a, "propose_city", "propose_network", "propose_theme")


@pytest.fixture
def seoul_proposal(world):
    world.staff_a.user_permissions.add(Permission.objects.get(codename="propose_city"))
    staff = type(world.staff_a).objects.get(pk=world.staff_a.pk)
    return proposal_submit(
        model=City,
        record=world.seoul,
        values={"name_en": "Seoul City", "latitude": Decimal("37.5665")},
        reason="Official English name.",
        proposer=staff,
    )


# Proposing


@pytest.mark.parametrize(("prefix", "codename", "attr", "field", "value"), PROPOSABLE)
def test_staff_propose_a_change_that_waits_for_review(client, world, prefix, codename, attr, field, value):
    record = getattr(world, attr)
    grant(client, world.staff_a, codename)
    change_page = client.get(reverse(f"admin:{prefix}_change", args=[record.pk])).content.decode()
    propose_url = reverse(f"admin:{prefix}_propose", args=[record.pk])
    assert "Propose a change" in change_page and propose_url in change_page
    assert 'name="_save"' not in change_page  # the record's own page stays read-only

    page = client.get(propose_url)
    assert page.status_code == 200
    assert page.context["adminform"].form["slug"].value() == record.slug  # prefilled
    response = client.post(propose_url, form_data(page, **{field: value}))

    proposal = ChangeProposal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:exchange_portal_changeproposal_change", args=[proposal.pk])
    assert proposal.values == {field: value}  # only what differs
    assert list(proposal.base_values) == [field]
    assert (proposal.status, proposal.target, proposal.proposed_by, proposal.institute) == (
        "pending",
        record,
        world.staff_a,
        world.institute_a,
    )
    assert getattr(type(record).objects.get(pk=record.pk), field) != value  # nothing applied yet
    assert proposal.history.latest().history_user == world.staff_a


def test_the_add_page_of_a_proposer_makes_a_proposal_not_a_record(proposer, world):
    changelist = proposer.get(reverse("admin:cities_network_changelist")).content.decode()
    assert reverse("admin:cities_network_add") in changelist
    page = proposer.get(reverse("admin:cities_network_add"))
    assert "Propose a new network" in page.content.decode()

    response = propose(
        proposer,
        reverse("admin:cities_network_add"),
        name_en="Asian Mayors Forum",
        slug="asian-mayors-forum",
        kind="forum",
    )
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert proposal.new_record and proposal.base_values == {}
    assert proposal.values == {"name_en": "Asian Mayors Forum", "slug": "asian-mayors-forum", "kind": "forum"}
    assert not Network.objects.filter(slug="asian-mayors-forum").exists()


def test_a_proposal_of_networks_for_a_city_keeps_their_ids(proposer, world):
    url = reverse("admin:cities_city_propose", args=[world.seoul.pk])
    assert propose(proposer, url, networks=[str(world.network.pk)]).status_code == 302
    proposal = ChangeProposal.objects.get()
    assert (proposal.values, proposal.base_values) == ({"networks": [world.network.pk]}, {"networks": []})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"latitude": "200"}, "city_latitude_in_range"),
        ({"slug": "busan"}, "City with this Slug already exists."),
        ({"name_en": ""}, "This field is required."),
        ({}, "The proposal changes nothing."),
        ({"name_en": "Seoul City", "proposal-reason": "  "}, "This field is required."),
    ],
)
def test_an_invalid_proposal_shows_the_errors_and_writes_nothing(proposer, world, changes, message):
    CityFactory(name="Busan")
    url = reverse("admin:cities_city_propose", args=[world.seoul.pk])
    response = propose(proposer, url, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ChangeProposal.objects.exists()
    world.seoul.refresh_from_db()
    assert (world.seoul.name_en, world.seoul.slug, world.seoul.latitude) == ("Seoul", "seoul", None)


# Reviewing


def test_editor_sees_a_readable_diff_and_filters_by_status_and_model(as_editor, world, seoul_proposal):
    body = as_editor.get(reverse(CHANGELIST)).content.decode()
    assert "Seoul → <strong>Seoul City</strong>" in body
    assert "— → <strong>37.5665</strong>" in body
    assert "Official English name." not in body  # the reason is on the proposal's own page
    pending_cities = {"status__exact": "pending", "model": "cities.city"}
    assert "Seoul City" in as_editor.get(reverse(CHANGELIST), pending_cities).content.decode()
    for other in ({"status__exact": "approved"}, {"model": "programs.theme"}):
        assert "Seoul City" not in as_editor.get(reverse(CHANGELIST), other).content.decode()
    detail = as_editor.get(
        reverse("admin:exchange_portal_changeproposal_change", args=[seoul_proposal.pk])
    ).content.decode()
    assert "Official English name." in detail and "Seoul City" in detail


def test_approval_applies_the_values_as_the_editor_with_the_reason_in_history(as_editor, world, seoul_proposal):
    response = act(as_editor, "approve", [seoul_proposal])
    assert "1 proposal approved." in response.content.decode()
    world.seoul.refresh_from_db()
    assert (world.seoul.name_en, world.seoul.latitude) == ("Seoul City", Decimal("37.5665"))
    version = world.seoul.history.latest()
    assert (version.history_user, version.history_change_reason, version.name_en) == (
        world.editor,
        "Official English name.",
        "Seoul City",
    )
    seoul_proposal.refresh_from_db()
    assert (seoul_proposal.status, seoul_proposal.reviewed_by) == ("approved", world.editor)
    assert seoul_proposal.reviewed_at is not None


def test_approving_a_new_record_creates_it_and_links_the_proposal(proposer, world, client):
    propose(proposer, reverse("admin:programs_theme_add"), name_en="Public health", slug="public-health")
    client.force_login(world.editor)
    proposal = ChangeProposal.objects.get()
    act(client, "approve", [proposal])
    theme = Theme.objects.get(slug="public-health")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.target) == ("approved", theme)
    assert theme.history.get().history_user == world.editor


def test_approval_is_refused_when_the_record_changed_since(as_editor, world, seoul_proposal):
    world.seoul.name_en = "Seoul Metropolitan City"
    world.seoul.save()
    response = act(as_editor, "approve", [seoul_proposal])
    assert "has changed since the proposal was made (name [en])" in response.content.decode()
    assert "changed since proposed" in as_editor.get(reverse(CHANGELIST)).content.decode()
    world.seoul.refresh_from_db()
    seoul_proposal.refresh_from_db()
    assert (world.seoul.name_en, world.seoul.latitude, seoul_proposal.status) == (
        "Seoul Metropolitan City",
        None,
        "pending",
    )


def test_a_long_reason_is_shortened_in_history_and_kept_whole_on_the_proposal(world, seoul_proposal):
    reason = "The city government's English style guide, 2023 edition, page 4, names the city this way. " * 3
    proposal = proposal_submit(
        model=City,
        record=world.seoul,
        values={"local_name": "서울특별시"},
        reason=reason,
        proposer=seoul_proposal.proposed_by,
    )
    proposal_approve(proposal=proposal, reviewer=world.editor)
    history_reason = world.seoul.history.latest().history_change_reason
    assert len(history_reason) == 100 and history_reason.startswith("The city government's English style guide")
    proposal.refresh_from_db()
    assert proposal.reason == reason.strip()


def test_approval_validates_again(world, seoul_proposal):
    slug_proposal = proposal_submit(
        model=City,
        record=world.seoul,
        values={"slug": "seoul-city"},
        reason="Shorter slug.",
        proposer=seoul_proposal.proposed_by,
    )
    CityFactory(name="Seoul city")  # takes the slug meanwhile
    with pytest.raises(ValidationError, match="already exists"):
        proposal_approve(proposal=slug_proposal, reviewer=world.editor)
    slug_proposal.refresh_from_db()
    world.seoul.refresh_from_db()
    assert (slug_proposal.status, world.seoul.slug) == ("pending", "seoul")


def test_rejection_needs_a_note_and_changes_nothing(as_editor, world, seoul_proposal):
    page = act(as_editor, "reject", [seoul_proposal])
    assert "Review note" in page.content.decode()
    empty = act(as_editor, "reject", [seoul_proposal], apply="1", review_note=" ")
    assert "This field is required." in empty.content.decode()
    seoul_proposal.refresh_from_db()
    assert seoul_proposal.status == "pending"

    done = act(as_editor, "reject", [seoul_proposal], apply="1", review_note="The source is a blog post.")
    assert "1 proposal rejected." in done.content.decode()
    seoul_proposal.refresh_from_db()
    world.seoul.refresh_from_db()
    assert (seoul_proposal.status, seoul_proposal.review_note, seoul_proposal.reviewed_by) == (
        "rejected",
        "The source is a blog post.",
        world.editor,
    )
    assert world.seoul.name_en == "Seoul"


def test_a_decided_proposal_cannot_be_approved_again(world, seoul_proposal):
    proposal_approve(proposal=seoul_proposal, reviewer=world.editor)
    with pytest.raises(ValidationError, match="already approved"):
        proposal_approve(proposal=seoul_proposal, reviewer=world.editor)


def test_a_superuser_reviews_too(admin_client_logged_in, world, seoul_proposal):
    act(admin_client_logged_in, "approve", [seoul_proposal])
    world.seoul.refresh_from_db()
    assert world.seoul.name_en == "Seoul City"


def test_the_model_refuses_a_rejection_without_note_or_reviewer(world, seoul_proposal):
    seoul_proposal.status = ChangeProposal.Status.REJECTED
    with pytest.raises(ValidationError) as error:
        seoul_proposal.full_clean()
    assert set(error.value.message_dict) == {"review_note", "reviewed_by"}


# Who sees and does what


def test_staff_see_their_own_and_their_institutes_proposals_only(client, world, roles, seoul_proposal):
    colleague = StaffUserFactory(username="colleague-a", groups=[roles.staff], institutes=[world.institute_a])
    detail = reverse("admin:exchange_portal_changeproposal_change", args=[seoul_proposal.pk])
    for user, visible in ((world.staff_a, True), (colleague, True), (world.staff_b, False)):
        client.force_login(user)
        assert ("Seoul City" in client.get(reverse(CHANGELIST)).content.decode()) is visible
        assert client.get(detail).status_code == (200 if visible else 404)


def test_staff_cannot_approve_but_may_withdraw_their_own(proposer, world, seoul_proposal):
    changelist = proposer.get(reverse(CHANGELIST)).content.decode()
    assert "Approve selected proposals" not in changelist and "Withdraw selected proposals" in changelist
    act(proposer, "approve", [seoul_proposal])
    seoul_proposal.refresh_from_db()
    world.seoul.refresh_from_db()
    assert (seoul_proposal.status, world.seoul.name_en) == ("pending", "Seoul")

    assert "1 proposal withdrawn." in act(proposer, "withdraw", [seoul_proposal]).content.decode()
    seoul_proposal.refresh_from_db()
    assert seoul_proposal.status == "withdrawn"


def test_a_colleague_cannot_withdraw_someone_elses_proposal(client, world, seoul_proposal):
    colleague = StaffUserFactory(username="colleague-a2", institutes=[world.institute_a])
    grant(client, colleague, "propose_city")
    act(client, "withdraw", [seoul_proposal])
    seoul_proposal.refresh_from_db()
    assert seoul_proposal.status == "pending"


@pytest.mark.parametrize(("prefix", "codename", "attr", "field", "value"), PROPOSABLE)
def test_staff_without_the_permission_cannot_propose(as_staff_a, world, prefix, codename, attr, field, value):
    record = getattr(world, attr)
    propose_url = reverse(f"admin:{prefix}_propose", args=[record.pk])
    change_page = as_staff_a.get(reverse(f"admin:{prefix}_change", args=[record.pk]))
    assert change_page.status_code == 200 and "Propose a change" not in change_page.content.decode()
    assert as_staff_a.get(propose_url).status_code == 403
    assert as_staff_a.post(propose_url, {field: value, "proposal-reason": "Because."}).status_code == 403
    assert as_staff_a.get(reverse(f"admin:{prefix}_add")).status_code == 403
    assert not ChangeProposal.objects.exists()


def test_editors_edit_directly_and_are_not_offered_a_proposal(as_editor, world):
    page = as_editor.get(reverse("admin:cities_city_change", args=[world.seoul.pk])).content.decode()
    assert 'name="_save"' in page and "Propose a change" not in page
    assert "Propose a new" not in as_editor.get(reverse("admin:cities_city_add")).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse(CHANGELIST),
        reverse("admin:cities_city_propose", args=[1]),
        reverse("admin:programs_theme_add"),
    ],
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, world, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_proposal_list_does_not_query_per_row(as_editor, world, seoul_proposal):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert as_editor.get(reverse(CHANGELIST)).status_code == 200
        return len(captured)

    few = queries()
    for number in range(4):
        proposal_submit(
            model=City,
            record=world.seoul,
            values={"local_name": f"서울 {number}"},
            reason="Local name.",
            proposer=seoul_proposal.proposed_by,
        )
    assert queries() == few
