"""The admin side of change proposals (``exchange_portal/proposals.py`` does the writing).

``ProposableMixin`` gives the city, network and theme admins a "Propose a change" form for staff who
hold ``propose_<model>`` but may not edit, and turns their add page into a proposal for a new record.
``ChangeProposalAdmin`` lists proposals: registry editors approve or reject them, proposers follow and
withdraw their own, and staff see their institute's.
"""

import copy

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import ChangeProposal
from ..permissions import PROPOSABLE_MODELS, is_registry_editor, may_propose, may_propose_any
from ..proposals import proposal_approve, proposal_changes, proposal_reject, proposal_submit, proposal_withdraw
from .base import HistoryAdmin, ReadOnlyAdminMixin


class ProposalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the change is needed and where it comes from. Registry editors read this first."),
    )


def _add_errors(form, error):
    """Put a service's ``ValidationError`` on the form: on its field when the form has one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ProposableMixin:
    """Staff holding ``propose_<model>`` without the add or change permission send a proposal instead
    of saving; the record's change page stays read-only and links to the proposal form."""

    change_form_template = "admin/exchange_portal/changeproposal/proposable_change_form.html"

    def proposes_instead(self, request, *, new):
        allowed = self.has_add_permission(request) if new else self.has_change_permission(request)
        return not allowed and may_propose(request.user, self.opts)

    def get_urls(self):
        opts = self.opts
        propose = path(
            "<path:object_id>/propose/",
            self.admin_site.admin_view(self.propose_view),
            name=f"{opts.app_label}_{opts.model_name}_propose",
        )
        return [propose, *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        if self.proposes_instead(request, new=True):
            return self.propose_view(request)
        return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if self.proposes_instead(request, new=False):
            opts = self.opts
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_propose", args=[object_id])
            extra_context = {**(extra_context or {}), "propose_url": url}
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        if self.proposes_instead(request, new=True):
            # The "Add" button leads to the add page, which is the proposal form for these users.
            extra_context = {**(extra_context or {}), "has_add_permission": True}
        return super().changelist_view(request, extra_context)

    def propose_view(self, request, object_id=None):
        opts = self.opts
        record = None if object_id is None else self.get_object(request, unquote(object_id))
        if not may_propose(request.user, opts) or not self.has_view_permission(request, record):
            raise PermissionDenied
        if record is None:
            title = _("Propose a new %(model)s") % {"model": opts.verbose_name}
        else:
            title = _("Propose a change to %(record)s") % {"record": record}
        fieldsets = self.get_fieldsets(request, record)
        form_class = self.get_form(request, record, change=False, fields=flatten_fieldsets(fieldsets))
        data = request.POST if request.method == "POST" else None
        initial = self.get_changeform_initial_data(request) if record is None else None
        # A copy: validating the form writes the proposed values on its instance.
        form = form_class(data, instance=copy.copy(record), initial=initial)
        reason_form = ProposalReasonForm(data, prefix="proposal")
        if data is not None and all([form.is_valid(), reason_form.is_valid()]):
            values = {name: value for name, value in form.cleaned_data.items() if name in form._meta.fields}
            try:
                proposal = proposal_submit(
                    model=self.model,
                    record=record,
                    values=values,
                    reason=reason_form.cleaned_data["reason"],
                    proposer=request.user,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                self.message_user(request, _("Your proposal was sent to the registry editors for review."))
                return HttpResponseRedirect(reverse("admin:exchange_portal_changeproposal_change", args=[proposal.pk]))
        admin_form = helpers.AdminForm(
            form, list(fieldsets), self.get_prepopulated_fields(request, record) if record is None else {}
        )
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": opts,
            "app_label": opts.app_label,
            "original": record,
            "add": record is None,
            "change": record is not None,
            "has_view_permission": self.has_view_permission(request),
            "adminform": admin_form,
            "reason_form": reason_form,
            "errors": helpers.AdminErrorList(form, []),
            "inline_admin_formsets": [],
            "media": self.media + admin_form.media + reason_form.media,
        }
        return TemplateResponse(request, "admin/exchange_portal/changeproposal/propose.html", context)


class ProposedModelFilter(admin.SimpleListFilter):
    title = _("record type")
    parameter_name = "model"

    def lookups(self, request, model_admin):
        return [
            (f"{app_label}.{model}", apps.get_model(app_label, model)._meta.verbose_name_plural.capitalize())
            for app_label, model in PROPOSABLE_MODELS
        ]

    def queryset(self, request, queryset):
        if self.value() in {f"{app_label}.{model}" for app_label, model in PROPOSABLE_MODELS}:
            app_label, _dot, model = self.value().partition(".")
            return queryset.filter(content_type__app_label=app_label, content_type__model=model)
        return queryset


class ReviewNoteForm(forms.Form):
    review_note = forms.CharField(
        label=_("Review note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the proposal is rejected; the proposer reads this note."),
    )


@admin.register(ChangeProposal)
class ChangeProposalAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    # Proposals are made on the records' own pages and decided by the actions below; nobody edits
    # or deletes one, so the list stays a record of what was asked and what was decided.
    list_display = ["__str__", "record", "status", "changes_summary", "proposed_by", "institute", "created_at"]
    list_filter = ["status", ProposedModelFilter]
    list_select_related = ["content_type", "proposed_by", "institute"]
    search_fields = ["reason", "review_note", "proposed_by__username"]
    fields = [
        "record",
        "status",
        "changes",
        "reason",
        "proposed_by",
        "institute",
        "created_at",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    ]
    readonly_fields = fields
    actions = ["approve", "reject", "withdraw"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("target")
        return queryset.for_user(request.user)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or may_propose_any(request.user)

    def has_module_permission(self, request):
        return super().has_module_permission(request) or may_propose_any(request.user)

    def has_review_permission(self, request):
        return is_registry_editor(request.user)

    def has_withdraw_permission(self, request):
        return may_propose_any(request.user)

    @admin.display(description=_("record"))
    def record(self, proposal):
        model = proposal.content_type.model_class()
        if proposal.object_id is None:
            return _("new %(model)s") % {"model": model._meta.verbose_name}
        if proposal.target is None:
            return _("deleted %(model)s") % {"model": model._meta.verbose_name}
        label = f"{model._meta.verbose_name}: {proposal.target}"
        try:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[proposal.object_id])
        except NoReverseMatch:
            return label
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.display(description=_("changes"))
    def changes_summary(self, proposal):
        return render_to_string(
            "admin/exchange_portal/changeproposal/changes.html",
            {"changes": proposal_changes(proposal), "compact": True},
        )

    @admin.display(description=_("changes"))
    def changes(self, proposal):
        return render_to_string(
            "admin/exchange_portal/changeproposal/changes.html", {"changes": proposal_changes(proposal)}
        )

    def _decide_each(self, request, proposals, decide, done_message):
        """Run ``decide`` on each proposal; a refusal is reported and leaves the others alone."""
        done = 0
        for proposal in proposals:
            try:
                decide(proposal)
            except PermissionDenied:
                reason = _("you may not review this kind of record.")
            except ValidationError as error:
                reason = " ".join(error.messages)
            else:
                done += 1
                continue
            self.message_user(request, f"{proposal}: {reason}", messages.ERROR)
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Approve selected proposals"), permissions=["review"])
    def approve(self, request, queryset):
        self._decide_each(
            request,
            queryset.filter(status=ChangeProposal.Status.PENDING),
            lambda proposal: proposal_approve(proposal=proposal, reviewer=request.user),
            lambda count: ngettext("%(count)d proposal approved.", "%(count)d proposals approved.", count),
        )

    @admin.action(description=_("Reject selected proposals"), permissions=["review"])
    def reject(self, request, queryset):
        pending = queryset.filter(status=ChangeProposal.Status.PENDING)
        note_form = ReviewNoteForm(request.POST if "apply" in request.POST else None)
        if not note_form.is_valid():
            return TemplateResponse(
                request,
                "admin/exchange_portal/changeproposal/reject.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Reject change proposals"),
                    "opts": self.opts,
                    "proposals": pending,
                    "form": note_form,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        note = note_form.cleaned_data["review_note"]
        self._decide_each(
            request,
            pending,
            lambda proposal: proposal_reject(proposal=proposal, reviewer=request.user, note=note),
            lambda count: ngettext("%(count)d proposal rejected.", "%(count)d proposals rejected.", count),
        )
        return None

    @admin.action(description=_("Withdraw selected proposals"), permissions=["withdraw"])
    def withdraw(self, request, queryset):
        self._decide_each(
            request,
            queryset.filter(status=ChangeProposal.Status.PENDING, proposed_by=request.user),
            lambda proposal: proposal_withdraw(proposal=proposal, user=request.user),
            lambda count: ngettext("%(count)d proposal withdrawn.", "%(count)d proposals withdrawn.", count),
        )
