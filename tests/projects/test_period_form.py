"""The open-period form as the browser gets it."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from projects.forms import PeriodForm


def test_the_date_inputs_show_a_given_date_in_the_only_format_a_browser_can():
    """<input type="date"> shows only yyyy-mm-dd: a Dutch "01-06-2031" rendered as empty."""
    with translation.override("nl"):
        form = PeriodForm(initial={"start": dt.date(2031, 6, 1), "deadline": dt.date(2031, 6, 30)})
        assert 'value="2031-06-01"' in str(form["start"])
        assert 'value="2031-06-30"' in str(form["deadline"])
