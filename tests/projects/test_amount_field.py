"""The amount field as people type it, in Dutch and English (issue 9, defects 1–3).

Expected values are built here independently of the field's parser: from digits and a
separator chosen per language, never by calling the code under test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from projects.forms import AmountField, ReportFiguresForm, SignalForm
from projects.validators import LARGEST_AMOUNT

SEPARATORS = {"nl": (".", ","), "en": (",", ".")}  # (grouping, decimal) as each language writes
LANGUAGES = st.sampled_from(sorted(SEPARATORS))


def grouped(digits: str, separator: str) -> str:
    """'1250000' → '1.250.000': written by hand here, not with Django's number_format."""
    head = len(digits) % 3 or 3
    return separator.join(
        [digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))]
    )


def field(**kwargs) -> AmountField:
    return AmountField(required=False, min_value=0, **kwargs)


# --- Regressions -------------------------------------------------------------------------------


def test_renders_a_text_input_with_the_localized_amount():
    """A number input cannot show '13.890.000': the browser posted it empty (defect 1)."""
    with translation.override("nl"):
        form = ReportFiguresForm(initial={"forecast_at_completion": Decimal("13890000.00")})
        html = str(form["forecast_at_completion"])
    assert 'type="text"' in html and 'type="number"' not in html
    assert 'value="13.890.000"' in html
    assert 'inputmode="decimal"' in html and 'autocomplete="off"' in html


def test_a_dutch_decimal_comma_is_a_decimal_comma():
    with translation.override("nl"):
        assert field().clean("13890000,50") == Decimal("13890000.50")
        assert field().clean("€ 13.890.000,50") == Decimal("13890000.50")
    with translation.override("en"):
        assert field().clean("13890000.50") == Decimal("13890000.50")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_example_in_the_error_message_is_accepted(language):
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            field().clean("1.5.5")
        message = refused.value.messages[0]
        examples = [word.rstrip(".") for word in message.split() if word[:1].isdigit()]
        assert len(examples) == 2, message
        for written in examples:
            assert field().clean(written) == Decimal("1250000.50")


@pytest.mark.parametrize(
    "text",
    [
        "1e-30",
        "1E5",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "sNaN",
        "4" * 40,
        "1" * 13,
        "0x10",
        "١٢٣",
        "1,2,3",
        "12 34",
        "--5",
        "€",
        "€5€",
        "½",
    ],
)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_garbage_and_absurd_amounts_get_a_message(language, text):
    """Never decimal.InvalidOperation, never a number the person did not write."""
    with translation.override(language), pytest.raises(ValidationError) as refused:
        field(max_digits=14, decimal_places=2).clean(text)
    assert refused.value.messages and all(refused.value.messages)


def test_an_absurd_amount_gets_one_clear_message():
    """The message is lazy: read outside ``override("nl")`` it came out in whatever language an
    earlier test's request left active (English after some, so the test was flaky)."""
    for ambient in ("en", "nl"):  # what was active before must not matter
        with translation.override(ambient), translation.override("nl"):
            with pytest.raises(ValidationError) as refused:
                field().clean("4" * 40)
            messages = refused.value.messages
        assert messages == [
            "Dit bedrag is niet aannemelijk; bedragen gaan tot 999.999.999.999,99 euro."
        ]


# --- Properties --------------------------------------------------------------------------------

STORABLE = st.decimals(min_value=0, max_value=LARGEST_AMOUNT, places=2)
FINER = st.decimals(min_value=-LARGEST_AMOUNT, max_value=LARGEST_AMOUNT, places=6)


@settings(max_examples=300, deadline=None)
@given(language=LANGUAGES, amount=st.one_of(STORABLE, FINER, st.integers(0, 10**12 - 1)))
@example(language="nl", amount=Decimal("13890000.50"))
@example(language="nl", amount=Decimal("0.001"))
@example(language="en", amount=Decimal("-0"))
def test_whatever_it_renders_parses_back_to_the_same_amount(language, amount):
    with translation.override(language):
        shown = AmountField(required=False).prepare_value(amount)
        assert AmountField(required=False).to_python(shown) == amount


@st.composite
def typed_amounts(draw, language: str) -> tuple[str, Decimal]:
    """An amount as a person writes it in ``language``, with the value they mean."""
    group, decimal = SEPARATORS[language]
    whole = str(draw(st.integers(0, 999_999_999_999)))
    cents = draw(st.sampled_from(["", "5", "50", "05", "99"]))
    written = (
        grouped(whole, draw(st.sampled_from([group, " ", "\u00a0"])))
        if draw(st.booleans())
        else whole
    )
    if cents:
        written += decimal + cents
    meant = Decimal(whole) + (Decimal(f"0.{cents}") if cents else 0)
    if draw(st.booleans()):
        written = draw(st.sampled_from(["€", "€ ", "€\u00a0"])) + written
    written = draw(st.sampled_from(["", " "])) + written + draw(st.sampled_from(["", " "]))
    return written, meant


@settings(max_examples=300, deadline=None)
@given(data=st.data(), language=LANGUAGES)
def test_an_amount_written_the_local_way_is_stored_as_meant(data, language):
    written, meant = data.draw(typed_amounts(language))
    with translation.override(language):
        assert field(max_digits=14, decimal_places=2).clean(written) == meant


@settings(max_examples=500, deadline=None)
@given(
    language=LANGUAGES,
    text=st.one_of(
        st.text(max_size=30),
        st.text(alphabet="0123456789.,-+ €eE\u00a0", max_size=25),
        st.from_regex(r"[0-9]{1,45}([.,][0-9]{1,45})?", fullmatch=True),
    ),
)
@example(language="nl", text="13890000,50")
@example(language="nl", text="1.250.000,50")
@example(language="en", text="1,250,000.50")
@example(language="nl", text="1e-30")
@example(language="nl", text="9" * 40)
@example(language="nl", text="€5€")
@example(language="nl", text="5 €")
@example(language="en", text="+1,234")
def test_any_text_is_refused_with_a_message_or_stored_as_meant(language, text):
    """Either a ValidationError with a message, or exactly the amount an independent reading
    of the text in this language gives: digits, the local grouping in threes, the local
    decimal separator."""
    group, decimal = SEPARATORS[language]
    with translation.override(language):
        try:
            value = field(max_digits=14, decimal_places=2).clean(text)
        except ValidationError as refused:
            assert refused.messages and all(m.strip() for m in refused.messages)
            return
    assume(value is not None)
    core = text
    for space in "\u00a0\u202f\u2009":
        core = core.replace(space, " ")
    core = core.strip()
    core = core[1:].strip() if core.startswith("€") else core.removesuffix("€").strip()
    core = core.removeprefix("+").removeprefix("-")
    whole, _sep, cents = core.partition(decimal)
    groups = whole.replace(" ", group).split(group)
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= (
        3 if len(groups) > 1 else 99
    )
    digits = "".join(groups)
    assert digits.isascii() and digits.isdigit() and (not cents or cents.isdigit())
    assert value == Decimal(digits) + (Decimal(f"0.{cents}") if cents else 0)
    assert 0 <= value <= LARGEST_AMOUNT


@pytest.mark.django_db  # the signal thresholds
@settings(max_examples=100, deadline=None)
@given(
    language=LANGUAGES,
    budget=st.one_of(
        st.sampled_from(["1e-30", "NaN", "Infinity", "-1", "9" * 40, "1E+40", "0.001", ""]),
        st.text(max_size=20),
    ),
    forecast=st.one_of(st.sampled_from(["1e-30", "9" * 40, "1120000", ""]), st.text(max_size=20)),
)
def test_the_signal_form_never_raises(language, budget, forecast):
    with translation.override(language):
        form = SignalForm(
            {
                "current_budget": budget,
                "original_budget": budget,
                "forecast_at_completion": forecast,
            }
        )
        context = form.box_context()
    assert form.is_valid() or context == {"signals": [], "checks": []}
