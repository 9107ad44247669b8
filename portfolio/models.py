"""The coordinator's own words in a council information letter; never its figures."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from projects.models import Programme
from projects.validators import validate_storable_text

TEXT = {"blank": True, "validators": [validate_storable_text]}


class LetterConflict(Exception):
    """Someone else stored the letter after this user opened it; ``current`` holds their text."""

    def __init__(self, current: CouncilLetter) -> None:
        super().__init__(f"letter of {current.programme_id} changed since it was opened")
        self.current = current


class CouncilLetter(models.Model):
    """The free-text paragraphs of a programme's *raadsinformatiebrief* (seed 002), kept so the
    next letter starts from them. Milestones, decisions, dates and risks are not stored here:
    each letter takes them from the published report of the period it is made for."""

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="council_letter",
    )
    introduction = models.TextField(_("introduction"), **TEXT)
    what = models.TextField(_("what the programme is"), **TEXT)
    why = models.TextField(_("why the programme is there"), **TEXT)
    financing = models.TextField(_("about the financing"), **TEXT)
    planning = models.TextField(_("about the planning"), **TEXT)
    closing = models.TextField(_("closing paragraph"), **TEXT)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    TEXT_FIELDS = ["introduction", "what", "why", "financing", "planning", "closing"]

    class Meta:
        verbose_name = _("council information letter")
        verbose_name_plural = _("council information letters")

    def __str__(self) -> str:
        return str(self.programme)

    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.TEXT_FIELDS}

    @classmethod
    def keep_texts(
        cls, programme: Programme, texts: dict[str, str], *, opened: dt.datetime | None, by
    ) -> CouncilLetter | None:
        """Store the paragraphs, or raise LetterConflict when another coordinator stored theirs
        after this one opened the letter (``opened``: the ``updated_at`` seen then, None for a new
        letter), so nobody's words are overwritten unseen. Returns None when nothing differs."""
        with transaction.atomic():
            current = cls.objects.select_for_update().filter(programme=programme).first()
            if current is not None and current.texts() == texts:
                return None
            if current is None:
                try:
                    with transaction.atomic():
                        return cls.objects.create(programme=programme, updated_by=by, **texts)
                except IntegrityError:  # the other coordinator's first save won the insert
                    raise LetterConflict(cls.objects.get(programme=programme)) from None
            if current.updated_at != opened:
                raise LetterConflict(current)
            for name, value in texts.items():
                setattr(current, name, value)
            current.updated_by = by
            current.save()
            return current
