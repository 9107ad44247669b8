"""Backup and restore check on the demo data: row counts and every archived PDF's SHA-256."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from projects.models import ReportingPeriod
from reports.backup import check_backup, create_backup
from reports.models import PublishedDocument

pytestmark = pytest.mark.django_db(transaction=True)


def archive_stand_in(period: ReportingPeriod, version: int, content: bytes) -> PublishedDocument:
    """An archived document without the 10 s render: the backup treats every file alike."""
    document = PublishedDocument(
        period=period,
        version=version,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    document.file.save(document.filename, ContentFile(content))
    return document


@pytest.fixture
def demo_backup(tmp_path) -> Path:
    call_command("loaddemo", "--no-archive", stdout=open("/dev/null", "w"))  # noqa: SIM115
    period = ReportingPeriod.objects.filter(state=ReportingPeriod.State.PUBLISHED).first()
    archive_stand_in(period, 1, b"%PDF-1.7 as published")
    archive_stand_in(period, 2, b"%PDF-1.7 with an erratum")
    return create_backup(tmp_path / "backups")


def test_backup_restores_into_a_fresh_database_with_every_row_and_pdf(demo_backup):
    manifest = json.loads((demo_backup / "manifest.json").read_text())
    assert manifest["tables"]["projects_statusreport"]["rows"] > 0
    assert manifest["tables"]["reports_publisheddocument"]["rows"] == 2
    assert len(manifest["pdfs"]) == 2
    assert (demo_backup / "database.dump").stat().st_size > 0

    assert check_backup(demo_backup) == []
    call_command("restore", demo_backup, "--check", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_restore_check_refuses_a_changed_pdf_and_a_changed_manifest(demo_backup):
    manifest_path = demo_backup / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    name = sorted(manifest["pdfs"])[0]
    (demo_backup / "media" / name).write_bytes(b"%PDF-1.7 tampered")

    problems = check_backup(demo_backup)
    assert any(name in problem and "changed" in problem for problem in problems)

    manifest["tables"]["projects_programme"]["rows"] += 1
    manifest_path.write_text(json.dumps(manifest))
    assert "signature does not match" in check_backup(demo_backup)[0]
    with pytest.raises(CommandError, match="Restore check failed"):
        call_command("restore", demo_backup, "--check")


def test_backup_refuses_an_archived_pdf_changed_on_disk(tmp_path):
    call_command("loaddemo", "--no-archive", stdout=open("/dev/null", "w"))  # noqa: SIM115
    period = ReportingPeriod.objects.filter(state=ReportingPeriod.State.PUBLISHED).first()
    document = archive_stand_in(period, 1, b"%PDF-1.7 as published")
    Path(document.file.path).write_bytes(b"%PDF-1.7 changed later")
    with pytest.raises(CommandError, match="differ from their recorded SHA-256"):
        call_command("backup", "--output", tmp_path)


def test_restore_refuses_a_database_that_is_not_empty(demo_backup):
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", demo_backup)
