"""The admin shows the figures as inlines and keeps the thresholds a single row."""

from django.urls import reverse
from pytest_django.asserts import assertContains

from projects.models import Programme, SignalThresholds, StatusReport


def test_admin_pages_show_the_figures_inlines(admin_client, demo):
    rdi = Programme.objects.get(slug="rdi")
    html = admin_client.get(reverse("admin:projects_programme_change", args=[rdi.pk])).content
    html = html.decode()
    assert "BusinessCase Anders Werken" in html  # baseline decision inline
    assert "Hernieuwd IAM-platform voor medewerkers live" in html  # milestone inline
    assert "Clusters leveren te weinig inzet" in html  # risk inline

    report = StatusReport.objects.get(period=demo, programme=rdi)
    response = admin_client.get(reverse("admin:projects_statusreport_change", args=[report.pk]))
    assert response.status_code == 200
    assertContains(response, "22400000")  # forecast at completion


def test_thresholds_are_one_row_that_cannot_be_deleted(admin_client, db):
    add_url = reverse("admin:projects_signalthresholds_add")
    response = admin_client.post(
        add_url,
        {
            "money_orange_percent": "4",
            "money_red_percent": "8",
            "time_orange_months": "1",
            "time_red_months": "2",
        },
    )
    assert response.status_code == 302
    assert SignalThresholds.current().money_red_percent == 8
    assert admin_client.get(add_url).status_code == 403
    delete_url = reverse("admin:projects_signalthresholds_delete", args=[1])
    assert admin_client.get(delete_url).status_code == 403


def test_thresholds_form_rejects_red_below_orange(admin_client, db):
    response = admin_client.post(
        reverse("admin:projects_signalthresholds_add"),
        {
            "money_orange_percent": "10",
            "money_red_percent": "5",
            "time_orange_months": "1",
            "time_red_months": "3",
        },
    )
    assert response.status_code == 200
    assertContains(response, "Rood kan niet onder oranje beginnen.")
    assert not SignalThresholds.objects.exists()
