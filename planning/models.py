"""The i-uitvoeringsplan as data: a plan, its domains, initiatives, scores, costs and contracts.

Every rule lives here once and is used by form, demo loader and admin alike:

- the score of the *Nijmeegs prioriteitenmodel*: I-visie, Bereik and Effect ∈ {1, 3, 5},
  Opbrengst ∈ {1.5, 2, 3}; score = (I-visie + Bereik + Effect) / Opbrengst, shown to one
  decimal; an autonomous development (AO) gets no score (``Score.clean``);
- a cost line: an amount in euros, or a PM-post (``amount`` empty and ``is_pm``), never 0 for
  "not known"; *to request* is needed − covered, derived (``CostLine.to_request`` and
  ``CostLineQuerySet.with_to_request``), never stored.

The monitor (``projects``) never imports this app: the link to a monitored programme is
``Initiative.programme`` with the reverse accessor ``programme.initiative``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.validators import validate_storable_text

POINTS = (1, 3, 5)
YIELD_POINTS = (Decimal("1.5"), Decimal("2"), Decimal("3"))
ACTION_LINES = {
    "A": _("A Further development of services"),
    "B": _("B Further development of operations"),
    "C": _("C Digital society"),
    "D": _("D Data-driven working"),
}


POINTS_MESSAGE = _("%(value)s points is not allowed: choose 1, 3 or 5.")
YIELD_MESSAGE = _("%(value)s points is not allowed for Opbrengst: choose 1.5, 2 or 3.")


def validate_points(value: int) -> None:
    if value not in POINTS:
        raise ValidationError(POINTS_MESSAGE, code="points", params={"value": value})


def validate_yield(value: Decimal) -> None:
    if value is None or Decimal(value) not in YIELD_POINTS:
        raise ValidationError(YIELD_MESSAGE, code="yield", params={"value": value})


def validate_action_lines(value: str) -> None:
    if (
        not value
        or any(letter not in ACTION_LINES for letter in value)
        or len(set(value)) < len(value)
    ):
        raise ValidationError(
            _("Action lines are letters A to D, each at most once (for example AB)."),
            code="action_lines",
        )


class Municipality(models.Model):
    """A municipality taking part: D (Deventer), OW (Olst-Wijhe), R (Raalte)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100, validators=[validate_storable_text])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    """One i-uitvoeringsplan: whose document it is, the years it covers, who takes part."""

    title = models.CharField(_("title"), max_length=300, validators=[validate_storable_text])
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    source = models.CharField(
        _("source"), max_length=300, blank=True, validators=[validate_storable_text]
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), related_name="plans"
    )
    planners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planners"),
        related_name="planned_plans",
        blank=True,
        help_text=_("Besides the coordinator, these users may edit the plan."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-first_year", "title"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")), name="plan_years_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("The last year comes after the first year.")})

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    def contracts_without_successor(self):
        """Contracts ending within the plan's years that no initiative replaces: the warning."""
        return self.contracts.filter(
            end_date__year__gte=self.first_year,
            end_date__year__lte=self.last_year,
            replaced_by__isnull=True,
        ).order_by("end_date", "supplier")


class Domain(models.Model):
    name = models.CharField(_("name"), max_length=200, validators=[validate_storable_text])
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="domains")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.TextField(
        _("description"), blank=True, validators=[validate_storable_text]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "name"]
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="domain_name_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name


class Priority(models.TextChoices):
    AUTONOMOUS = "AO", _("AO (autonomous development)")
    P1A = "1a", "1a"
    P1B = "1b", "1b"
    P2 = "2", "2"


PRIORITY_ORDER = [p.value for p in Priority]


class Initiative(models.Model):
    """A project card of the plan (Doel, Actielijnen, Baten, … , Prioriteit)."""

    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="initiatives")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300, validators=[validate_storable_text])
    explanation = models.TextField(
        _("explanation"), blank=True, validators=[validate_storable_text]
    )
    goal = models.TextField(_("goal"), blank=True, validators=[validate_storable_text])
    action_lines = models.CharField(
        _("action lines"),
        max_length=4,
        validators=[validate_action_lines],
        help_text=_("Letters of the action lines of the strategic plan, e.g. AB."),
    )
    benefits = models.TextField(_("benefits"), blank=True, validators=[validate_storable_text])
    duration = models.CharField(
        _("duration"), max_length=200, blank=True, validators=[validate_storable_text]
    )
    organisations = models.TextField(
        _("organisations"), blank=True, validators=[validate_storable_text]
    )
    applications = models.TextField(
        _("applications"), blank=True, validators=[validate_storable_text]
    )
    costs_note = models.TextField(
        _("note on costs"), blank=True, validators=[validate_storable_text]
    )
    financing_note = models.TextField(
        _("financing"), blank=True, validators=[validate_storable_text]
    )
    priority = models.CharField(_("priority"), max_length=2, choices=Priority)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), related_name="initiatives"
    )
    replaces = models.ManyToManyField(
        "Contract",
        verbose_name=_("replaces contracts"),
        related_name="replaced_by",
        blank=True,
    )
    programme = models.OneToOneField(
        "projects.Programme",
        verbose_name=_("monitored programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative",
    )
    history = HistoricalRecords(m2m_fields=[municipalities])

    class Meta:
        ordering = ["domain__position", "number"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(
                fields=["domain", "number"], name="initiative_number_unique_in_domain"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def needs_score(self) -> bool:
        """Autonomous developments are unavoidable: they are not prioritised, so not scored."""
        return self.priority != Priority.AUTONOMOUS

    @property
    def municipality_codes(self) -> str:
        return "".join(m.code for m in self.municipalities.all()) or "–"

    @property
    def action_line_labels(self) -> list[str]:
        return [ACTION_LINES[letter] for letter in self.action_lines if letter in ACTION_LINES]

    @property
    def score_or_none(self) -> Score | None:
        try:
            return self.score
        except Score.DoesNotExist:
            return None


class Score(models.Model):
    """The Nijmeegs prioriteitenmodel, as the seed's Bijlage 1 adapts it."""

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="score")
    vision = models.PositiveSmallIntegerField(
        _("I-visie"),
        choices=[(p, p) for p in POINTS],
        validators=[validate_points],
        error_messages={"invalid_choice": POINTS_MESSAGE},
    )
    reach = models.PositiveSmallIntegerField(
        _("Bereik"),
        choices=[(p, p) for p in POINTS],
        validators=[validate_points],
        error_messages={"invalid_choice": POINTS_MESSAGE},
    )
    effect = models.PositiveSmallIntegerField(
        _("Effect"),
        choices=[(p, p) for p in POINTS],
        validators=[validate_points],
        error_messages={"invalid_choice": POINTS_MESSAGE},
    )
    yield_points = models.DecimalField(
        _("Opbrengst"),
        max_digits=2,
        decimal_places=1,
        choices=[(p, str(p).replace(".", ",")) for p in YIELD_POINTS],
        validators=[validate_yield],
        error_messages={"invalid_choice": YIELD_MESSAGE},
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.CheckConstraint(
                condition=Q(vision__in=POINTS) & Q(reach__in=POINTS) & Q(effect__in=POINTS),
                name="score_points_1_3_5",
            ),
            models.CheckConstraint(
                condition=Q(yield_points__in=YIELD_POINTS), name="score_yield_15_2_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.display}"

    def clean(self) -> None:
        if self.initiative_id and not self.initiative.needs_score:
            raise ValidationError(
                _("An autonomous development (AO) is not scored: remove the score.")
            )

    @property
    def value(self) -> Decimal:
        """(I-visie + Bereik + Effect) / Opbrengst, to one decimal, half up as the seed does."""
        total = Decimal(self.vision + self.reach + self.effect)
        return (total / Decimal(self.yield_points)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def display(self) -> str:
        return str(self.value).replace(".", ",")

    @property
    def explanation(self) -> str:
        return gettext(
            "Score %(value)s = (I-visie %(vision)s + Bereik %(reach)s + Effect %(effect)s)"
            " / Opbrengst %(yield)s"
        ) % {
            "value": self.display,
            "vision": self.vision,
            "reach": self.reach,
            "effect": self.effect,
            "yield": str(self.yield_points.normalize()).replace(".", ","),
        }


class CostKind(models.TextChoices):
    INCIDENTAL = "incidental", _("incidental")
    STRUCTURAL = "structural", _("structural")


class CostLineQuerySet(models.QuerySet):
    def with_to_request(self) -> CostLineQuerySet:
        """``to_request`` = amount − covered, in the database; NULL for a PM-post."""
        return self.annotate(to_request_db=F("amount") - F("covered"))

    def estimated(self) -> CostLineQuerySet:
        return self.filter(is_pm=False)

    def pm(self) -> CostLineQuerySet:
        return self.filter(is_pm=True)


class CostLine(models.Model):
    """One figure of a card's cost table: a municipality, a year, incidental or structural."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="cost_lines")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="cost_lines"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=12, choices=CostKind)
    label = models.CharField(
        _("part"),
        max_length=200,
        blank=True,
        validators=[validate_storable_text],
        help_text=_("Which part of the initiative, where a card splits its costs."),
    )
    is_pm = models.BooleanField(
        _("PM (not yet estimated)"),
        default=False,
        help_text=_("A cost that cannot be estimated yet: shown as PM, never as 0."),
    )
    amount = models.DecimalField(
        _("needed (euro)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    covered = models.DecimalField(
        _("already covered (euro)"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    history = HistoricalRecords()

    objects = CostLineQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "kind", "municipality__position", "year", "pk"]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        constraints = [
            models.CheckConstraint(
                condition=(Q(is_pm=True, amount__isnull=True, covered=0))
                | Q(is_pm=False, amount__isnull=False, amount__gte=0),
                name="costline_pm_or_amount",
            ),
            models.CheckConstraint(
                condition=Q(covered__gte=0)
                & (Q(amount__isnull=True) | Q(covered__lte=F("amount"))),
                name="costline_covered_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} {self.municipality.code} {self.year} {self.get_kind_display()}"

    def clean(self) -> None:
        errors = {}
        if self.is_pm and self.amount is not None:
            errors["amount"] = _("A PM line has no amount: leave it empty or untick PM.")
        if not self.is_pm and self.amount is None:
            errors["amount"] = _("Fill in the amount needed, or tick PM if it is not known yet.")
        if self.amount is not None and self.amount < 0:
            errors["amount"] = _("The amount needed cannot be negative.")
        covered = self.covered or Decimal(0)
        if covered < 0:
            errors["covered"] = _("The amount covered cannot be negative.")
        elif self.is_pm and covered:
            errors["covered"] = _("A PM line has no amount covered.")
        elif self.amount is not None and covered > self.amount:
            errors["covered"] = _("More is covered than needed.")
        plan = self.initiative.domain.plan if self.initiative_id else None
        if plan and self.year and not plan.first_year <= self.year <= plan.last_year:
            errors["year"] = _("The year lies outside the plan (%(first)s–%(last)s).") % {
                "first": plan.first_year,
                "last": plan.last_year,
            }
        if errors:
            raise ValidationError(errors)

    @property
    def to_request(self) -> Decimal | None:
        """Still to request: needed − already covered. None for a PM-post."""
        if self.is_pm or self.amount is None:
            return None
        return self.amount - (self.covered or Decimal(0))


class Procurement(models.TextChoices):
    EUROPEAN = "europees", _("European tender")
    TENDER = "aanbesteding", _("Tender")
    PRIVATE = "onderhands", _("Private procurement")


class Contract(models.Model):
    """A line of the *vervangingskalender*: a contract that ends and may need replacing."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="contracts")
    supplier = models.CharField(_("supplier"), max_length=200, validators=[validate_storable_text])
    title = models.CharField(_("title"), max_length=300, validators=[validate_storable_text])
    end_date = models.DateField(_("end date"))
    holder = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        validators=[validate_storable_text],
        help_text=_("As the calendar names it, e.g. DOWR-I."),
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), related_name="contracts", blank=True
    )
    value_four_years = models.DecimalField(
        _("total over four years (euro)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    procurement = models.CharField(_("procurement route"), max_length=20, choices=Procurement)
    history = HistoricalRecords()

    class Meta:
        ordering = ["end_date", "supplier", "title"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return f"{self.supplier}: {self.title}"

    def ends_within(self, plan: Plan) -> bool:
        return plan.first_year <= self.end_date.year <= plan.last_year
