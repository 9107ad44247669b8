"""A realistic monitor for the benchmarks, written in bulk: N programmes × P reporting periods.

Sizes as a real round (issue 24): per report four 150-word explanations, 300 words of
developments, 8 milestones and 5 risks (as the report's snapshots, with the programme's
registers behind them), figures with the frame and thresholds; programmes with a goal, a unit,
a portfolio holder, a manager and a controller. Texts are drawn from a Dutch word list with a
fixed seed: varied enough that gzip does not shrink them unrealistically, the same every run.

Everything is written with ``bulk_create`` (one statement per batch, not one per row): 500
programmes × 15 periods is ~7,500 reports, ~100,000 snapshot rows, in well under a minute.

Publication as the product does it (``reports/publication.py``):

- ``publish_history``: every period but the last is frozen by the product's own
  ``ReportingPeriod.freeze_for_publication`` (the programme as published in
  ``programme_at_publication``, the thresholds on the figures, state published), then made
  public. No PDFs are rendered for them; their open-data files only with ``artefacts=True``
  (as the publication task's hook would: ``settings.PUBLICATION_ARTEFACTS`` minus the page
  preparation, if any), which is slow.
- ``publish_latest``: the last period goes through ``publish_period`` and the real
  publication task (``reports.tasks.archive_documents``) with everything it runs (open data,
  prepared pages where the product prepares them), except that the PDFs are one-page
  placeholders (``placeholder_pdfs``): the PDF bench measures the real rendering.

Used by ``bench/overview.py`` and its smoke test (``tests/test_bench.py``); other bench scripts
may import it the same way (``import monitor_data`` after ``import django_setup``).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.module_loading import import_string

from projects.models import (
    Admission,
    BaselineDecision,
    Milestone,
    MilestoneSnapshot,
    OrganisationUnit,
    PortfolioHolder,
    Programme,
    ReportFigures,
    ReportingPeriod,
    Risk,
    RiskSnapshot,
    SignalThresholds,
    StatusReport,
)

_PARAGRAPH = (
    "de het een en van in op te met voor aan bij door om als naar over uit tot dat die deze "
    "programma project gemeente raad college wethouder planning budget prognose realisatie "
    "leverancier aanbesteding applicatie systeem koppeling migratie implementatie testen "
    "acceptatie gebruikers medewerkers burgers dienstverlening digitaal informatie gegevens "
    "architectuur beveiliging privacy risico maatregel mijlpaal vertraging oplevering fase "
    "scope kwaliteit tijd geld capaciteit inhuur team ontwikkeling sprint release beheer "
    "overdracht contract wijziging besluit herijking raming begroting kosten besparing "
    "voortgang rapportage stuurgroep opdrachtgever regie afstemming ketenpartners landelijke "
    "voorziening standaard basisregistratie zaakgericht werken archief cloud werkplek netwerk "
    "verwacht gerealiseerd vertraagd afgerond gestart gepland beoordeeld besproken vastgesteld "
    "omdat waardoor zodat terwijl hoewel echter daarnaast bovendien vervolgens inmiddels "
    "komende afgelopen periode maanden kwartaal jaar eind begin half volgende vorige"
)
WORDS = _PARAGRAPH.split()

PER_YEAR = ((1, 1, 4, 30), (5, 1, 8, 31), (9, 1, 12, 31))  # three rounds a year
RATINGS = ("green", "green", "green", "orange", "orange", "red")
BATCH = 1000


@dataclass
class Monitor:
    """What ``generate`` wrote: the periods oldest first, the programmes in order."""

    periods: list[ReportingPeriod]
    programmes: list[Programme]
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def latest(self) -> ReportingPeriod:
        return self.periods[-1]


class Texts:
    """A pool of distinct texts per length, picked by index: cheap and deterministic."""

    def __init__(self, seed: int = 24, pool: int = 211) -> None:
        self.random = random.Random(seed)
        self.pool = pool
        self._by_length: dict[int, list[str]] = {}

    def words(self, count: int, index: int) -> str:
        if count not in self._by_length:
            self._by_length[count] = [self._sentences(count) for _ in range(self.pool)]
        return self._by_length[count][index % self.pool]

    def _sentences(self, count: int) -> str:
        words = self.random.choices(WORDS, k=count)
        sentences = [words[i : i + 12] for i in range(0, count, 12)]
        return " ".join(" ".join(s).capitalize() + "." for s in sentences)


def generate(programmes: int, periods: int = 15, *, prefix: str = "bench", year: int = 2000):
    """Write ``programmes`` × ``periods`` approved reports (periods open, nothing published)."""
    texts, started = Texts(), time.perf_counter()
    programme_rows = _programmes(programmes, prefix, texts)
    decisions = _registers(programme_rows, year, texts)
    period_rows = _periods(periods, prefix, year, texts)
    monitor = Monitor(period_rows, programme_rows)
    for n, period in enumerate(period_rows):
        reports = _reports(period, n, programme_rows, texts)
        _figures(reports, n, decisions, texts)
    monitor.seconds["generate"] = time.perf_counter() - started
    return monitor


def _programmes(count: int, prefix: str, texts: Texts) -> list[Programme]:
    units = OrganisationUnit.objects.bulk_create(
        OrganisationUnit(name=f"{prefix} cluster {n}", short_name=f"C{n}") for n in range(8)
    )
    holders = PortfolioHolder.objects.bulk_create(
        PortfolioHolder(name=f"{prefix} wethouder {n}", portfolio=texts.words(8, n))
        for n in range(6)
    )
    people = User.objects.bulk_create(
        User(username=f"{prefix}-{role}-{n}", password="!", first_name=role, last_name=str(n))
        for role, number in (("manager", 40), ("controller", 8))
        for n in range(number)
    )
    managers, controllers = people[:40], people[40:]
    programmes = Programme.objects.bulk_create(
        (
            Programme(
                name=f"Programma {i:04} {texts.words(3, i).rstrip('.')}",
                slug=f"{prefix}-{i:04}",
                goal=texts.words(60, i),
                unit=units[i % len(units)],
                portfolio_holder=holders[i % len(holders)],
                sponsor=f"Directeur {i % 12}",
                manager=managers[i % len(managers)],
                controller=controllers[i % len(controllers)],
                position=i,
            )
            for i in range(count)
        ),
        batch_size=BATCH,
    )
    Admission.objects.bulk_create(
        (
            Admission(programme=programme, decision_body=Admission.Body.EARLIER)
            for programme in programmes
        ),
        batch_size=BATCH,
    )
    return programmes


def _registers(programmes: list[Programme], year: int, texts: Texts) -> dict[int, dict]:
    """Each programme's original frame, 8 milestones and 5 risks; returns the frame records."""
    frames = {}
    decisions = []
    for i, programme in enumerate(programmes):
        decision = BaselineDecision(
            programme=programme,
            kind=BaselineDecision.Kind.ORIGINAL,
            decided_on=dt.date(year - 1, 6, 1),
            decided_by="gemeenteraad",
            reference=f"RIB {year - 1}/{i}",
            budget=Decimal(500_000 + 37_000 * (i % 400)),
            end_date=dt.date(year + 5, 1 + i % 12, 1),
        )
        decisions.append(decision)
        frames[programme.pk] = {"decision": decision, "record": decision.as_record()}
    BaselineDecision.objects.bulk_create(decisions, batch_size=BATCH)
    Milestone.objects.bulk_create(
        (
            Milestone(
                programme=p,
                name=texts.words(5, i * 8 + m).rstrip("."),
                baseline_date=dt.date(year + m // 2, 1 + (3 * m) % 12, 1),
                note=texts.words(20, i + m),
            )
            for i, p in enumerate(programmes)
            for m in range(8)
        ),
        batch_size=BATCH,
    )
    Risk.objects.bulk_create(
        (
            Risk(
                programme=p,
                title=texts.words(8, i * 5 + r).rstrip("."),
                cause=texts.words(25, i + r),
                likelihood=1 + (i + r) % 5,
                impact=1 + (i * 3 + r) % 5,
                measure=texts.words(25, i + r + 7),
                owner=f"Eigenaar {r}",
            )
            for i, p in enumerate(programmes)
            for r in range(5)
        ),
        batch_size=BATCH,
    )
    return frames


def _periods(count: int, prefix: str, year: int, texts: Texts) -> list[ReportingPeriod]:
    periods = []
    for n in range(count):
        first_month, first_day, last_month, last_day = PER_YEAR[n % 3]
        label = f"{prefix} periode {n + 1:02}"
        periods.append(
            ReportingPeriod(
                label=label,
                slug=ReportingPeriod.slug_for(label),
                start=dt.date(year + n // 3, first_month, first_day),
                end=dt.date(year + n // 3, last_month, last_day),
                introduction=texts.words(120, n),
                responsibility=texts.words(60, n + 1),
                inclusion_criteria=texts.words(60, n + 2),
            )
        )
    return ReportingPeriod.objects.bulk_create(periods)


def _reports(period, n: int, programmes: list[Programme], texts: Texts) -> list[StatusReport]:
    reviewed = timezone.make_aware(dt.datetime.combine(period.end, dt.time(12)))
    reports = []
    for i, programme in enumerate(programmes):
        ratings = [RATINGS[(i * 7 + n * 3 + a * 5) % len(RATINGS)] for a in range(4)]
        reports.append(
            StatusReport(
                programme=programme,
                period=period,
                state=StatusReport.State.APPROVED,
                quality_rating=ratings[0],
                quality_explanation=texts.words(150, i * 4 + n),
                money_rating=ratings[1],
                money_explanation=texts.words(150, i * 4 + n + 1),
                time_rating=ratings[2],
                time_explanation=texts.words(150, i * 4 + n + 2),
                risk_rating=ratings[3],
                risk_explanation=texts.words(150, i * 4 + n + 3),
                developments=texts.words(300, i + n),
                submitted_at=reviewed,
                reviewed_at=reviewed,
            )
        )
    return StatusReport.objects.bulk_create(reports, batch_size=BATCH)


def _figures(reports: list[StatusReport], n: int, frames: dict, texts: Texts) -> None:
    """Figures, 8 milestone and 5 risk snapshots per report, as ``capture_figures`` copies."""
    thresholds = SignalThresholds.current().as_record()
    captured = timezone.now()
    figures, milestones, risks = [], [], []
    for i, report in enumerate(reports):
        decision = frames[report.programme_id]["decision"]
        drift = Decimal(100 + (i * 3 + n) % 25) / 100
        figures.append(
            ReportFigures(
                report=report,
                forecast_at_completion=(decision.budget * drift).quantize(Decimal(1)),
                spent_to_date=(decision.budget * Decimal(n + 1) / 20).quantize(Decimal(1)),
                forecast_end_date=decision.end_date + dt.timedelta(days=30 * ((i + n) % 6)),
                original_budget=decision.budget,
                current_budget=decision.budget,
                original_end_date=decision.end_date,
                current_end_date=decision.end_date,
                decisions=[frames[report.programme_id]["record"]],
                thresholds=thresholds,
                captured_at=captured,
            )
        )
        milestones += _milestone_snapshots(report, i, n, decision, texts)
        risks += _risk_snapshots(report, i, n, texts)
    ReportFigures.objects.bulk_create(figures, batch_size=BATCH)
    MilestoneSnapshot.objects.bulk_create(milestones, batch_size=BATCH)
    RiskSnapshot.objects.bulk_create(risks, batch_size=BATCH)


def _milestone_snapshots(report, i: int, n: int, decision, texts: Texts) -> list:
    start = decision.end_date.replace(day=1) - dt.timedelta(days=5 * 365)
    snapshots = []
    for m in range(8):
        baseline = start + dt.timedelta(days=200 * m)
        done = m < n // 2
        snapshots.append(
            MilestoneSnapshot(
                report=report,
                name=texts.words(5, i * 8 + m).rstrip("."),
                baseline_date=baseline,
                forecast_date=None if done else baseline + dt.timedelta(days=15 * ((i + m) % 5)),
                actual_date=baseline + dt.timedelta(days=10 * (m % 3)) if done else None,
                note=texts.words(20, i + m + n),
            )
        )
    return snapshots


def _risk_snapshots(report, i: int, n: int, texts: Texts) -> list:
    return [
        RiskSnapshot(
            report=report,
            title=texts.words(8, i * 5 + r).rstrip("."),
            cause=texts.words(25, i + r),
            likelihood=1 + (i + r + n) % 5,
            impact=1 + (i * 3 + r) % 5,
            measure=texts.words(25, i + r + 7),
            owner=f"Eigenaar {r}",
        )
        for r in range(5)
    ]


# --- Publication ---------------------------------------------------------------------------------


def published_moment(period: ReportingPeriod) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(period.end + dt.timedelta(days=21), dt.time(9)))


def publish_history(monitor: Monitor, *, artefacts: bool = False) -> None:
    """Every period but the last: frozen by the product and made public. ``artefacts``: their
    open-data files archived too (slow: the .ods workbook alone takes ~16 s per period of 50
    programmes, so by default the earlier periods have none archived)."""
    started = time.perf_counter()
    for period in monitor.periods[:-1]:
        period.freeze_for_publication(when=published_moment(period))
        for document in _history_artefacts(period) if artefacts else []:
            document.save()
        ReportingPeriod.objects.filter(pk=period.pk).update(archive_pending=False)
        period.archive_pending = False
    monitor.seconds["publish history"] = time.perf_counter() - started


def _history_artefacts(period: ReportingPeriod) -> list:
    """The publication task's artefacts (open data) for an earlier period; page preparation
    (a builder whose path names "prepare") is left to the measured period alone."""
    found: list = []
    for path in getattr(settings, "PUBLICATION_ARTEFACTS", []):
        if "prepar" not in path:
            found += import_string(path)(period, written=[])
    return found


def publish_latest(monitor: Monitor) -> None:
    """The last period through ``publish_period`` and its task, the PDFs as placeholders."""
    from reports import tasks
    from reports.models import PublicationJob
    from reports.publication import publish_period

    period = monitor.latest
    started = time.perf_counter()
    with placeholder_pdfs():
        job = publish_period(period, when=published_moment(period))
        job.refresh_from_db()
        if job.status != PublicationJob.Status.DONE:  # a queueing backend: run it here
            tasks.archive_documents.call(job.pk)
    period.refresh_from_db()
    if not period.is_public:
        raise RuntimeError(f"{period} is not public after its publication task")
    monitor.seconds["publish latest"] = time.perf_counter() - started


@contextmanager
def placeholder_pdfs() -> Iterator[None]:
    """The publication task renders one-page PDFs instead of the real ones (``bench/pdf_render``
    measures those): the pages of a period do not depend on the PDFs' content."""
    from reports import pdf

    content = _one_page_pdf()

    def render(*args, **kwargs) -> bytes:
        return content

    def write(period, path, *args, **kwargs) -> int:
        path.write_bytes(content)
        return 1

    stubs = {"render_period_pdf": render, "render_programme_pdf": render, "write_period_pdf": write}
    saved = {name: getattr(pdf, name) for name in stubs if hasattr(pdf, name)}
    for name in saved:
        setattr(pdf, name, stubs[name])
    try:
        yield
    finally:
        for name, original in saved.items():
            setattr(pdf, name, original)


def _one_page_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
