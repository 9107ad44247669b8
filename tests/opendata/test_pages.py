"""The open-data page, the files at their stable URLs, and a programme's history CSV."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from opendata import archive
from projects.models import ReportingPeriod

from .conftest import csv_rows


def test_the_page_lists_every_published_period_with_size_and_checksum(client, demo):
    response = client.get(reverse("opendata:index"))
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="nl"' in html
    for period in ReportingPeriod.objects.public():
        assert f'id="{period.slug}"' in html
        for name, item in archive.build_files(period).items():
            url = reverse("opendata:file", args=[period.slug, name])
            assert f'href="{url}"' in html and item.sha256 in html
    open_period = ReportingPeriod.objects.get(state=ReportingPeriod.State.OPEN)
    assert open_period.slug not in html
    assert "Open data" in html and "Lees de monitor" in html


def test_a_file_of_an_unpublished_period_or_an_unknown_name_is_404(client, demo):
    open_period = ReportingPeriod.objects.get(state=ReportingPeriod.State.OPEN)
    name = f"mip-{open_period.slug}.zip"
    assert client.get(reverse("opendata:file", args=[open_period.slug, name])).status_code == 404
    assert client.get(reverse("opendata:file", args=[demo.slug, "x.csv"])).status_code == 404


@pytest.mark.parametrize("name", ["programmas.csv", "lichten.csv", "mip-februari-tm-mei-2023.json"])
def test_each_file_carries_its_checksum(client, demo, name):
    response = client.get(reverse("opendata:file", args=[demo.slug, name]))
    assert response.status_code == 200
    assert response["X-Content-SHA256"] == hashlib.sha256(response.content).hexdigest()
    assert "attachment" in response["Content-Disposition"]


def test_a_programmes_history_over_all_periods_is_linked_from_its_drill_down(client, demo):
    page = client.get(reverse("reports:programme", args=[demo.slug, "adidas"])).content.decode()
    url = reverse("opendata:programme_history", args=["adidas"])
    assert f'href="{url}"' in page
    rows = csv_rows(client.get(url).content)
    assert [row["periode"] for row in rows] == ["oktober-2022-tm-januari-2023", demo.slug]
    assert {row["kleur_tijd"] for row in rows} <= {"groen", "oranje", "rood"}
    assert rows[-1]["huidig_budget"]
    assert client.get(reverse("opendata:programme_history", args=["onbekend"])).status_code == 404


def test_open_data_is_a_reserved_address_for_periods(db):
    from projects.validators import reserved_slugs

    assert "open-data" in reserved_slugs()
