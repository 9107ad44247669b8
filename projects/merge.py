"""No lost updates: a stale save of the report form is merged per field, not refused or forced.

Everything a manager edits on the report form is seen as one flat mapping of *keys* to plain
values (str, int or None; see ``canonical``):

* ``"developments"``, ``"money_rating"``, …: the report's content fields;
* ``"figures.forecast_at_completion"``, …: this period's figures (``ReportFigures``);
* ``"milestone.<pk>.forecast_date"``, …: each milestone's editable fields;
* ``"risk.<pk>.likelihood"``, …: each risk's fields.

Three such mappings meet when a save is stale: the *base* (what the user loaded: the report's
history at the loaded version, plus the figures part carried in a signed hidden input), *mine*
(what the user posts) and *theirs* (what is stored now). ``three_way_merge`` applies only what
this user changed since loading; where both changed the same field to different values it
reports a conflict and stores nothing until the user has chosen. ``save_merged`` does that
under the report's row lock, so two saves racing each other merge instead of overwriting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction

from .models import Milestone, ReportFigures, Risk, StatusReport, capture_figures, readable_value

Value = str | int | None


class _Missing:
    """A key one side does not have (a risk added or removed by someone else)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Conflict:
    """Both sides changed one field, to different values."""

    base: Any
    mine: Any
    theirs: Any


def three_way_merge(
    base: Mapping[str, Value], mine: Mapping[str, Value], theirs: Mapping[str, Value]
) -> tuple[dict[str, Value], dict[str, Conflict]]:
    """Merge per key: take mine where only I changed it, theirs where only they did.

    A key absent from ``mine`` counts as untouched (the form did not carry it); absent from
    ``base`` means unknown, so any difference between mine and theirs is a conflict. For a
    conflicting key the merged mapping keeps theirs: nothing of mine is stored unless chosen.
    """
    merged: dict[str, Value] = {}
    conflicts: dict[str, Conflict] = {}
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        b = base.get(key, MISSING)
        t = theirs.get(key, MISSING)
        m = mine.get(key, b)
        if m in (b, t):
            value = t
        elif t == b:
            value = m
        else:
            conflicts[key] = Conflict(b, m, t)
            value = t
        if value is not MISSING:
            merged[key] = value
    return merged, conflicts


def canonical(value: Any) -> Value:
    """One plain, JSON-safe spelling per value, so "1.120.000" typed equals 1120000.00 stored."""
    if value is None:
        return None
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    # Browsers send CRLF and forms strip the ends; neither is a change anybody made.
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


# --- The keys of the report form ------------------------------------------------------------

FIGURES_FIELDS = ["forecast_at_completion", "spent_to_date", "forecast_end_date"]
MILESTONE_FIELDS = ["forecast_date", "actual_date", "note"]
RISK_FIELDS = ["title", "cause", "likelihood", "impact", "measure", "owner", "state"]


def _content(report: StatusReport) -> dict[str, Value]:
    return {name: canonical(getattr(report, name)) for name in StatusReport.CONTENT_FIELDS}


def figures_values(report: StatusReport, *, lock: bool = False) -> dict[str, Value]:
    """The figures part of the form as stored now: figures, milestones and risks."""
    figures = ReportFigures.objects.filter(report=report).first()
    values = {f"figures.{n}": canonical(getattr(figures, n, None)) for n in FIGURES_FIELDS}
    milestones = report.programme.milestones.all()
    risks = report.programme.risks.all()
    if lock:
        milestones, risks = milestones.select_for_update(), risks.select_for_update()
    for milestone in milestones:
        for name in MILESTONE_FIELDS:
            values[f"milestone.{milestone.pk}.{name}"] = canonical(getattr(milestone, name))
    for risk in risks:
        for name in RISK_FIELDS:
            values[f"risk.{risk.pk}.{name}"] = canonical(getattr(risk, name))
    return values


def stored_values(report: StatusReport, *, lock: bool = False) -> dict[str, Value]:
    """Everything the form edits, as stored now ("theirs")."""
    return {**_content(report), **figures_values(report, lock=lock)}


def posted_values(form, entry, *, raw: bool = False) -> dict[str, Value]:
    """What the user posts ("mine"), from the report form and its ``FiguresEntry``.

    Fields that did not validate count as untouched; with ``raw`` they give their text as
    typed instead (to show back to the user what could not be saved).
    """

    def values(part, names, key) -> dict[str, Value]:
        cleaned = getattr(part, "cleaned_data", {})
        found = {}
        for name in names:
            if name in cleaned:
                found[key(name)] = canonical(cleaned[name])
            elif raw and name in part.fields:  # refused by a model rule, or mistyped
                try:
                    found[key(name)] = canonical(part.fields[name].clean(part[name].data))
                except ValidationError:
                    found[key(name)] = canonical(part[name].value())
        return found

    found = values(form, StatusReport.CONTENT_FIELDS, lambda name: name)
    if not entry.is_bound:
        return found
    found |= values(entry.figures, FIGURES_FIELDS, lambda name: f"figures.{name}")
    for prefix, formset, names in (
        ("milestone", entry.milestones, MILESTONE_FIELDS),
        ("risk", entry.risks, RISK_FIELDS),
    ):
        for item in formset.initial_forms:
            if item.instance.pk is not None:
                pk = item.instance.pk
                found |= values(item, names, lambda name, row=f"{prefix}.{pk}": f"{row}.{name}")
    return found


# --- The base: what the user loaded -----------------------------------------------------------

_SALT = "projects.merge.base"


def sign_base(report: StatusReport) -> str:
    """The hidden ``base`` input: the loaded version and figures, signed so they can't be forged.

    The report's own fields need not travel: its history holds them for every version.
    """
    payload = {"version": report.version, "figures": figures_values(report)}
    return signing.dumps(payload, salt=f"{_SALT}:{report.pk}", compress=True)


def read_base(report: StatusReport, token: str) -> dict | None:
    if not token:
        return None
    try:
        return signing.loads(token, salt=f"{_SALT}:{report.pk}")
    except signing.BadSignature:
        return None


def figures_changed_since(report: StatusReport, token: str) -> bool:
    """True when figures, milestones or risks changed after the form was loaded.

    Those rows can change without the report's version (the coordinator edits a milestone in
    the admin); the form then merges them like a stale report. Call under the report's lock.
    """
    signed = read_base(report, token)
    return signed is not None and signed["figures"] != figures_values(report, lock=True)


def loaded_values(report: StatusReport, version: int, token: str) -> dict[str, Value]:
    """The base: the report as loaded (from its history) and the figures part as loaded.

    Unknown parts are left out, so a difference there is a conflict, never a silent overwrite.
    """
    signed = read_base(report, token)
    if signed is not None:
        version = signed["version"]
    values: dict[str, Value] = {}
    if version == report.version:
        values |= _content(report)
    else:
        record = report.history.filter(version=version).order_by("-history_date").first()
        if record is not None:
            values |= _content(record)
    if signed is not None:
        values |= signed["figures"]
    return values


# --- Labels and readable values ---------------------------------------------------------------


def _field_of(key: str) -> tuple[models.Field, str]:
    """The model field behind a key, and the row's name ("Livegang") for rows of a register."""
    parts = key.split(".")
    if len(parts) == 1:
        return StatusReport._meta.get_field(key), ""
    if parts[0] == "figures":
        return ReportFigures._meta.get_field(parts[1]), ""
    model = Milestone if parts[0] == "milestone" else Risk
    row = model.objects.filter(pk=parts[1]).first()
    return model._meta.get_field(parts[2]), str(row) if row else ""


def label(key: str) -> str:
    model_field, row = _field_of(key)
    name = str(model_field.verbose_name)
    return f"{row}: {name}" if row else name[:1].upper() + name[1:]


def readable(key: str, value: Value) -> str:
    """A value as people read it: "Rood", "1 november 2023", "€ 1.120.000"; "–" when empty."""
    if value is MISSING:
        return "–"
    return readable_value(_model_field(key), python_value(key, value)) or "–"


def _model_field(key: str) -> models.Field:
    parts = key.split(".")
    if len(parts) == 1:
        return StatusReport._meta.get_field(key)
    model = {"figures": ReportFigures, "milestone": Milestone, "risk": Risk}[parts[0]]
    return model._meta.get_field(parts[-1])


def python_value(key: str, value: Value) -> Any:
    """A plain value back as the model field holds it (a Decimal, a date, "" for no text)."""
    model_field = _model_field(key)
    if value is None and not model_field.null:
        return ""
    return model_field.to_python(value)


@dataclass(frozen=True)
class ConflictRow:
    """One field both people changed: shown side by side with a choice."""

    key: str
    label: str
    mine: str
    theirs: str
    base: str


def conflict_rows(conflicts: Mapping[str, Conflict]) -> list[ConflictRow]:
    return [
        ConflictRow(
            key, label(key), readable(key, c.mine), readable(key, c.theirs), readable(key, c.base)
        )
        for key, c in conflicts.items()
    ]


# --- Saving a stale form ----------------------------------------------------------------------


@dataclass
class MergeOutcome:
    """What happened to a stale save: merged and stored, or conflicts to choose between."""

    report: StatusReport
    saved: bool
    merged: dict[str, Value]
    conflicts: dict[str, Conflict]
    theirs_changed: list[str] = field(default_factory=list)  # keys only the others changed
    by: list = field(default_factory=list)  # who saved since the user loaded the form
    base_token: str = ""


def save_merged(
    report_pk: int,
    *,
    version: int,
    base_token: str,
    mine: Mapping[str, Value],
    new_risks: list[Risk],
    user,
    submit: bool = False,
) -> MergeOutcome:
    """Merge the user's changes into the stored report and save, unless fields conflict.

    Runs under the report's row lock (and the programme's milestone and risk rows), so a save
    racing this one waits and then merges with the result. Raises ``ValidationError`` when
    the merged report breaks a rule (a red light whose explanation the other person removed).
    """
    with transaction.atomic():
        report = (
            StatusReport.objects.select_for_update(of=("self",))
            .select_related("programme", "period")
            .get(pk=report_pk)
        )
        theirs = stored_values(report, lock=True)
        base = loaded_values(report, version, base_token)
        merged, conflicts = three_way_merge(base, mine, theirs)
        outcome = MergeOutcome(
            report=report,
            saved=False,
            merged=merged,
            conflicts=conflicts,
            theirs_changed=[
                k for k in theirs if k in base and theirs[k] != base[k] and k not in conflicts
            ],
            by=_saved_by_since(report, base_version(report, version, base_token)),
            base_token=sign_base(report),
        )
        if conflicts:
            return outcome
        _apply(report, merged, theirs, new_risks, user)
        if submit:
            report.submit(by=user)
        outcome.saved = True
        outcome.base_token = sign_base(report)
        return outcome


def base_version(report: StatusReport, version: int, token: str) -> int:
    signed = read_base(report, token)
    return signed["version"] if signed is not None else version


def _saved_by_since(report: StatusReport, version: int) -> list:
    """The people whose saves came after the loaded version, first to last, each once."""
    people = []
    for record in report.history.filter(version__gt=version).select_related("history_user"):
        if record.history_user is not None and record.history_user not in people:
            people.append(record.history_user)
    return people


def _apply(
    report: StatusReport,
    merged: Mapping[str, Value],
    theirs: Mapping[str, Value],
    new_risks: list[Risk],
    user,
) -> None:
    """Store the merged values: the report always (a new version), rows only where changed."""
    for name in StatusReport.CONTENT_FIELDS:
        if merged[name] != canonical(getattr(report, name)):
            setattr(report, name, python_value(name, merged[name]))
    report._history_user = user
    report.clean()  # each side was valid; together they may not be (red, explanation removed)
    report.save()
    changed = [k for k in merged if "." in k and merged[k] != theirs.get(k, MISSING)]
    rows: dict[tuple[str, str], list[str]] = {}
    for key in changed:
        kind, *rest = key.split(".")
        row = "" if kind == "figures" else rest[0]
        rows.setdefault((kind, row), []).append(key)
    for (kind, row), keys in rows.items():
        if kind == "figures":
            instance, _created = ReportFigures.objects.get_or_create(report=report)
        else:
            instance = (Milestone if kind == "milestone" else Risk).objects.get(pk=row)
        for key in keys:
            setattr(instance, key.rsplit(".", 1)[1], python_value(key, merged[key]))
        instance.full_clean()
        instance._history_user = user
        instance.save()
    for risk in new_risks:
        risk.programme = report.programme
        risk._history_user = user
        risk.save()
    capture_figures(report)


def unsaved_input(report_pk: int, form, entry, token: str) -> list[ConflictRow]:
    """What the user changed on a form that can no longer be saved: to show them, to copy.

    Each row has the user's value as ``mine`` and what is stored now as ``theirs``.
    """
    report = StatusReport.objects.select_related("programme").get(pk=report_pk)
    try:
        version = int(form.data.get("version") or 0)
    except ValueError:
        version = 0
    base = loaded_values(report, version, token)
    theirs = stored_values(report)
    rows = []
    for key, value in posted_values(form, entry, raw=True).items():
        if value != base.get(key, theirs.get(key, MISSING)):
            mine, now = readable(key, value), readable(key, theirs.get(key))
            rows.append(ConflictRow(key, label(key), mine, now, ""))
    return rows


def choose(key: str) -> str:
    """The name of the radio input that chooses between mine and theirs for ``key``."""
    return f"choose-{key}"


def form_name(key: str, data: Mapping) -> str | None:
    """The name of the input that carries ``key`` in posted form data, if it is there."""
    parts = key.split(".")
    if len(parts) == 1:
        return key
    if parts[0] == "figures":
        return parts[1]
    prefix = "milestones" if parts[0] == "milestone" else "risks"
    total = int(data.get(f"{prefix}-TOTAL_FORMS") or 0)
    for i in range(min(total, 1000)):
        if str(data.get(f"{prefix}-{i}-id")) == parts[1]:
            return f"{prefix}-{i}-{parts[2]}"
    return None


def form_value(key: str, value: Value, form_field) -> str:
    """``value`` spelt as the form's field would render it, for re-showing in the form."""
    shown = form_field.prepare_value(python_value(key, value))
    if shown is None:
        return ""
    if isinstance(shown, dt.date):
        return shown.isoformat()
    return str(shown)
