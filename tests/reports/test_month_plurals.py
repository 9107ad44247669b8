"""Issue 13: "1 months" in the signal box; a deviation in months takes singular or plural."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from reports.templatetags.monitor import plural_count

SIGNAL_LINE = (
    "{% load i18n monitor %}{% blocktranslate with months=v|signed_number count n=v|plural_count %}"
    "Forecast end date {{ months }} month against the current end date.{% plural %}"
    "Forecast end date {{ months }} months against the current end date.{% endblocktranslate %}"
)


@pytest.mark.parametrize(
    ("value", "count"),
    [(Decimal("1.0"), 1), (Decimal("-1"), 1), (Decimal("3.0"), 3), (Decimal("1.5"), 2), (None, 2)],
)
def test_plural_count(value, count):
    assert plural_count(value) == count


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("en", Decimal("1.0"), "Forecast end date +1.0 month against"),
        ("en", Decimal("3.0"), "Forecast end date +3.0 months against"),
        ("nl", Decimal("1.0"), "Verwachte einddatum +1,0 maand ten opzichte"),
        ("nl", Decimal("3.0"), "Verwachte einddatum +3,0 maanden ten opzichte"),
    ],
)
def test_signal_line_says_month_or_months(language, value, expected):
    with translation.override(language):
        assert expected in Template(SIGNAL_LINE).render(Context({"v": value}))
