"""Promote an initiative to a monitored programme: the plan's card becomes the monitor's row.

Creates the ``projects.Programme`` with the initiative's title and goal, under an organisation
unit named after the initiative's domain, and links both ways (``Initiative.programme``; the
monitor reads ``programme.initiative``), in one transaction. Promoting twice is refused.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from projects.models import OrganisationUnit, Programme

from .models import Initiative


def _free_slug(title: str) -> str:
    base = slugify(title)[:70] or "programma"
    slug, number = base, 2
    while Programme.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _save_with_a_free_slug(programme: Programme, title: str, attempts: int = 5) -> None:
    """Another coordinator promoting an initiative of the same title at the same moment takes
    the slug between our check and our insert; then the next free one is taken."""
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                programme.save()
            return
        except IntegrityError:
            if (
                attempt == attempts - 1
                or not Programme.objects.filter(slug=programme.slug).exists()
            ):
                raise
            programme.slug = _free_slug(title)


@transaction.atomic
def promote(initiative: Initiative) -> Programme:
    initiative = (
        Initiative.objects.select_for_update().select_related("domain").get(pk=initiative.pk)
    )
    if initiative.programme_id:
        raise ValidationError(_("This initiative is already a programme in the monitor."))
    unit, _created = OrganisationUnit.objects.get_or_create(name=initiative.domain.name)
    goal = initiative.goal
    if initiative.explanation:
        goal = f"{goal}\n\n{initiative.explanation}" if goal else initiative.explanation
    programme = Programme(
        name=initiative.title[:200],
        slug=_free_slug(initiative.title),
        kind=Programme.Kind.PROJECT,
        goal=goal,
        unit=unit,
    )
    programme.full_clean()
    _save_with_a_free_slug(programme, initiative.title)
    initiative.programme = programme
    initiative.save(update_fields=["programme"])
    return programme
