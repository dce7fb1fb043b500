"""One set of list, create, edit and history pages for the records a unit app keeps (groups, courses, plans, ...).

A unit app declares each record type once (model, form, unit area, optional parent) and adds `record_type.urls()` to
its urlpatterns; nothing else is written per record. The rules are the portal's usual ones:

- staff of another unit get 404 on every page of the type (the records do not exist for them);
- the unit's staff and administrators create and edit; managers read (list and history) and get 403 on forms;
- records are looked up through the model's `for_user` (or the parent's), so an out-of-scope id is a 404;
- a form error is shown at its field and nothing is saved; every change is in the record's history tab.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from accounts import access

from . import selectors

PAGE_SIZE = 50


@dataclass
class RecordType:
    model: type
    form_class: type  # a ModelForm without the parent field
    unit_area: str
    namespace: str  # the unit app's URL namespace
    slug: str  # used in URLs and URL names: <slug>_list, <slug>_create, <slug>_edit, <slug>_history
    columns: tuple[str, ...] = ()  # model fields shown in the list
    parent: "RecordType | None" = None
    parent_field: str = ""
    views: tuple[str, ...] = ("list", "create", "edit", "history")
    back: str = ""  # URL name of the unit's own page for a record of this type (taking its pk), if there is one
    # Changes kept in another table that belong on this record's history tab (the trainings linked to a course):
    # (template, function(obj, user) -> its context), shown under the record's own changes.
    history_extra: tuple[str, Callable] | None = None
    _form: type = field(init=False, repr=False)

    def __post_init__(self):
        # The parent is set by the view, not the form, so Django's checks would skip uniqueness rules that include
        # it (a module title unique per course) and the database would refuse the row instead: keep them checked.
        parent_field = self.parent_field

        class Form(self.form_class):
            def _get_validation_exclusions(self):
                return super()._get_validation_exclusions() - {parent_field}

        self._form = Form

    # Lookups ------------------------------------------------------------------------------------------------------

    def queryset(self, user):
        manager = self.model._default_manager
        if hasattr(manager, "for_user"):
            return manager.for_user(user)
        return manager.filter(**{f"{self.parent_field}__in": self.parent.queryset(user)})

    def _require_visible(self, user):
        if not access.can_see_unit(user, self.unit_area):
            raise Http404

    def _require_editable(self, user):
        if not access.can_edit_unit(user, self.unit_area):
            raise PermissionDenied

    def url(self, view: str, *args) -> str:
        return reverse(f"{self.namespace}:{self.slug}_{view}", args=args)

    def list_url(self, obj) -> str:
        """Where the record is listed: this type's list, else its own unit page, its parent's, or the unit's index."""
        if "list" in self.views:
            return self.url("list", getattr(obj, f"{self.parent_field}_id")) if self.parent else self.url("list")
        if self.back and obj.pk:
            return self.page_url(obj)
        if self.parent is not None:
            parent = getattr(obj, self.parent_field)
            return self.parent.page_url(parent) or self.parent.list_url(parent)
        return reverse(f"{self.namespace}:index")

    def page_url(self, obj) -> str:
        """The unit's own page of the record, if it has one."""
        return reverse(f"{self.namespace}:{self.back}", args=[obj.pk]) if self.back else ""

    def _context(self, request, parent=None, **extra) -> dict:
        parent_url = ""
        if parent is not None:
            parent_url = self.parent.page_url(parent) or self.parent.list_url(parent)
        return {
            "record_type": self,
            "meta": self.model._meta,
            "parent": parent,
            "parent_url": parent_url,
            "can_edit": access.can_edit_unit(request.user, self.unit_area),
            **extra,
        }

    # Views --------------------------------------------------------------------------------------------------------

    def list_view(self, request, parent_pk=None):
        self._require_visible(request.user)
        records = self.queryset(request.user)
        parent = None
        if self.parent is not None:
            parent = get_object_or_404(self.parent.queryset(request.user), pk=parent_pk)
            records = records.filter(**{self.parent_field: parent})
        # Foreign keys shown as columns come in the same query, so the page's query count does not grow with it.
        related = [name for name in self.columns if self.model._meta.get_field(name).many_to_one]
        page = selectors.page_without_count(records.select_related(*related), request.GET.get("page"), PAGE_SIZE)
        headings = [self.model._meta.get_field(name).verbose_name for name in self.columns]
        rows = [
            {
                "object": obj,
                "cells": [_display(obj, name) for name in self.columns],
                "edit_url": self.url("edit", obj.pk) if "edit" in self.views else "",
                "history_url": self.url("history", obj.pk) if "history" in self.views else "",
                "page_url": self.page_url(obj),
            }
            for obj in page
        ]
        create_url = ""
        if "create" in self.views:
            create_url = self.url("create", parent.pk) if parent else self.url("create")
        return render(
            request,
            "programmes/records/list.html",
            self._context(request, parent=parent, page=page, headings=headings, rows=rows, create_url=create_url),
        )

    def _save(self, request, instance, parent):
        self._require_editable(request.user)
        form = self._form(request.POST or None, request.FILES or None, instance=instance)
        if request.method == "POST" and form.is_valid():
            is_new = instance.pk is None
            if is_new and any(f.name == "created_by" for f in self.model._meta.fields):
                form.instance.created_by = request.user
            obj = form.save()
            messages.success(request, _("Saved."))
            return redirect(self.page_url(obj) or self.list_url(obj))
        cancel = self.list_url(instance) if instance.pk or parent is None else self.url("list", parent.pk)
        return render(
            request,
            "programmes/records/form.html",
            self._context(request, parent=parent, form=form, object=instance, cancel_url=cancel),
        )

    def create_view(self, request, parent_pk=None):
        self._require_visible(request.user)
        parent = None
        instance = self.model()
        if self.parent is not None:
            parent = get_object_or_404(self.parent.queryset(request.user), pk=parent_pk)
            setattr(instance, self.parent_field, parent)
        return self._save(request, instance, parent)

    def _object(self, request, pk):
        self._require_visible(request.user)
        return get_object_or_404(self.queryset(request.user), pk=pk)

    def edit_view(self, request, pk):
        obj = self._object(request, pk)
        parent = getattr(obj, self.parent_field) if self.parent else None
        return self._save(request, obj, parent)

    def history_view(self, request, pk):
        obj = self._object(request, pk)
        parent = getattr(obj, self.parent_field) if self.parent else None
        extra = None
        if self.history_extra:
            template, build = self.history_extra
            extra = {"template": template, "context": build(obj, request.user)}
        return render(
            request,
            "programmes/records/history.html",
            self._context(
                request, parent=parent, object=obj, changes=selectors.record_changes(obj), back_url=self.list_url(obj),
                extra=extra,
            ),
        )  # fmt: skip

    def urls(self) -> list:
        base = f"records/{self.slug}/"
        scope = f"{base}in/<int:parent_pk>/" if self.parent else base
        patterns = {
            "list": path(scope, self.list_view, name=f"{self.slug}_list"),
            "create": path(f"{scope}new/", self.create_view, name=f"{self.slug}_create"),
            "edit": path(f"{base}<int:pk>/edit/", self.edit_view, name=f"{self.slug}_edit"),
            "history": path(f"{base}<int:pk>/history/", self.history_view, name=f"{self.slug}_history"),
        }
        return [patterns[view] for view in self.views]


def _display(obj, name: str):
    getter = getattr(obj, f"get_{name}_display", None)
    value = getter() if getter else getattr(obj, name)
    return "" if value is None else value
