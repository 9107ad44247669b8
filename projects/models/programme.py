"""Who owns what: organisation units, portfolio holders and the monitored programmes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import validate_storable_text


class OrganisationUnit(models.Model):
    """A cluster or domain of the municipality that owns programmes."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_storable_text]
    )
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, validators=[validate_storable_text]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")

    def __str__(self) -> str:
        return self.name


class PortfolioHolder(models.Model):
    """The alderman (wethouder) politically responsible for a programme."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_storable_text]
    )
    portfolio = models.CharField(
        _("portfolio"), max_length=300, blank=True, validators=[validate_storable_text]
    )
    illustrative = models.BooleanField(
        _("invented for the demo"), default=False, help_text=_("Not a real portfolio holder.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("portfolio holder")
        verbose_name_plural = _("portfolio holders")

    def __str__(self) -> str:
        return self.name


class ProgrammeQuerySet(models.QuerySet):
    def in_monitor(self) -> ProgrammeQuerySet:
        return self.filter(in_monitor=True)

    def top_level(self) -> ProgrammeQuerySet:
        return self.filter(parent__isnull=True)

    def reportable_in(self, period) -> ProgrammeQuerySet:
        """Programmes (and their tracks) admitted for ``period`` and not yet left.

        The query form of ``admission.admission_refusal``: one rule, asked per report there.
        """
        admitted = models.Q(admission__isnull=False) & (
            models.Q(admission__first_period__isnull=True)
            | models.Q(admission__first_period__start__lte=period.start)
        )
        not_left = models.Q(departure__isnull=True) | models.Q(
            departure__last_period__start__gte=period.start
        )
        heads = Programme.objects.filter(admitted & not_left, parent__isnull=True)
        return self.filter(models.Q(pk__in=heads) | models.Q(parent__in=heads))


class Programme(models.Model):
    """A monitored undertaking: a programme, a project, or a track (spoor) of a programme."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("programme")
        PROJECT = "project", _("project")
        TRACK = "track", _("track")

    name = models.CharField(_("name"), max_length=200, validators=[validate_storable_text])
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, validators=[validate_storable_text]
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PROGRAMME)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tracks",
    )
    goal = models.TextField(_("goal/description"), blank=True, validators=[validate_storable_text])
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    portfolio_holder = models.ForeignKey(
        PortfolioHolder,
        verbose_name=_("portfolio holder"),
        on_delete=models.PROTECT,
        related_name="programmes",
        null=True,
        blank=True,
    )
    sponsor = models.CharField(
        _("sponsor"),
        max_length=200,
        blank=True,
        help_text=_("The ambtelijk opdrachtgever."),
        validators=[validate_storable_text],
    )
    sponsor_illustrative = models.BooleanField(_("sponsor invented for the demo"), default=False)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("programme manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_programmes",
    )
    controller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("controller"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="controlled_programmes",
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_(
            "Order in the monitor, lowest first; equal positions are ordered by name. Tracks "
            "are ordered among the tracks of their programme."
        ),
    )
    in_monitor = models.BooleanField(
        _("in the monitor"),
        default=True,
        help_text=_("Heavy programmes (classification model) are included in the monitor."),
    )
    monitored_from = models.ForeignKey(
        "projects.ReportingPeriod",
        verbose_name=_("monitored from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    monitored_until = models.ForeignKey(
        "projects.ReportingPeriod",
        verbose_name=_("monitored until"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A programme cannot be part of itself.")})
        if self.parent and self.parent.parent_id:
            raise ValidationError({"parent": _("A track cannot have tracks of its own.")})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_track(self) -> bool:
        return self.parent_id is not None

    @property
    def monitor_sort_key(self) -> tuple[int, str, int, int, str]:
        """Programmes by position and name, each followed by its own tracks in their order."""
        if self.parent_id:
            return self.sort_key_of(
                self.parent.position, self.parent.name, (self.position, self.name)
            )
        return self.sort_key_of(self.position, self.name)

    @staticmethod
    def sort_key_of(
        position: int, name: str, track: tuple[int, str] | None = None
    ) -> tuple[int, str, int, int, str]:
        """``monitor_sort_key`` from plain values: the programme's (for a track: its parent's)
        position and name, and a track's own position and name."""
        own = (1, track[0], track[1].casefold()) if track else (0, 0, "")
        return (position, name.casefold(), *own)


def admission_record(programme: Programme) -> dict | None:
    """Why and since when the programme (a track: its programme) is in the monitor, as JSON.

    Codes, not labels: ``admission.admission_facts`` reads them in the reader's language.
    """
    head = programme.parent if programme.parent_id else programme
    admission = getattr(head, "admission", None)
    if admission is None:
        return None
    scoring, first = admission.classification, admission.first_period
    return {
        "decision_body": admission.decision_body,
        "decided_on": admission.decided_on and admission.decided_on.isoformat(),
        "reference": admission.reference,
        "first_period": first and first.label,
        "grounds": admission.grounds,
        "aspects": admission.aspects,
        "rhythm": admission.rhythm,
        "extra_items": admission.extra_items,
        "illustrative": admission.illustrative,
        "score": scoring and str(scoring.score),
        "threshold": scoring and str(scoring.model.threshold),
        "score_illustrative": bool(scoring and scoring.illustrative),
    }


def programme_record(programme: Programme) -> dict:
    """The programme as the published pages, open data and PDFs show it, as plain JSON.

    Stored on each report at publication (``StatusReport.programme_at_publication``), shown in
    place of the live programme by ``show_programme_as_published``. JSON: it is only read whole,
    next to the report, and adding what a page shows needs no migration of published reports.
    """
    unit, holder, parent = programme.unit, programme.portfolio_holder, programme.parent
    return {
        "id": programme.pk,
        "name": programme.name,
        "short_name": programme.short_name,
        "slug": programme.slug,
        "kind": programme.kind,
        "goal": programme.goal,
        "sponsor": programme.sponsor,
        "sponsor_illustrative": programme.sponsor_illustrative,
        "position": programme.position,
        "unit": {"id": unit.pk, "name": unit.name, "short_name": unit.short_name},
        "portfolio_holder": holder
        and {
            "id": holder.pk,
            "name": holder.name,
            "portfolio": holder.portfolio,
            "illustrative": holder.illustrative,
        },
        "parent": parent
        and {
            "id": parent.pk,
            "name": parent.name,
            "short_name": parent.short_name,
            "slug": parent.slug,
            "position": parent.position,
        },
        "admission": admission_record(programme),
        "tracks": [
            {
                "id": track.pk,
                "name": track.name,
                "short_name": track.short_name,
                "slug": track.slug,
                "goal": track.goal,
                "position": track.position,
            }
            for track in sorted(
                programme.tracks.all(), key=lambda t: (t.position, t.name.casefold(), t.pk)
            )
        ],
    }
