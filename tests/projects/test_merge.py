"""The per-field merge of a stale report form: the pure function, by example and by property."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.merge import Conflict, canonical, three_way_merge

BASE = {
    "developments": "Fase 1.",
    "money_rating": "orange",
    "figures.forecast_at_completion": "1000000",
}


def test_changes_by_one_side_each_are_combined():
    mine = {**BASE, "developments": "Fase 2."}
    theirs = {**BASE, "money_rating": "red"}
    merged, conflicts = three_way_merge(BASE, mine, theirs)
    assert merged == {**BASE, "developments": "Fase 2.", "money_rating": "red"}
    assert conflicts == {}


def test_both_changing_a_field_alike_is_no_conflict():
    mine = theirs = {**BASE, "money_rating": "red"}
    assert three_way_merge(BASE, mine, theirs) == (theirs, {})


def test_both_changing_a_field_differently_is_a_conflict_and_keeps_theirs_for_now():
    mine = {**BASE, "developments": "Mijn tekst."}
    theirs = {**BASE, "developments": "Hun tekst."}
    merged, conflicts = three_way_merge(BASE, mine, theirs)
    assert conflicts == {"developments": Conflict("Fase 1.", "Mijn tekst.", "Hun tekst.")}
    assert merged["developments"] == "Hun tekst."


def test_a_key_the_form_did_not_carry_is_untouched():
    theirs = {**BASE, "risk.7.title": "Nieuw risico van de ander"}
    merged, conflicts = three_way_merge(BASE, BASE, theirs)
    assert merged == theirs and conflicts == {}


def test_an_unknown_base_never_overwrites_silently():
    merged, conflicts = three_way_merge({}, {"developments": "A"}, {"developments": "B"})
    assert list(conflicts) == ["developments"] and merged == {"developments": "B"}


def test_canonical_spelling_makes_typed_and_stored_values_equal():
    assert canonical(D("1120000")) == canonical(D("1120000.00")) == "1120000"
    assert canonical(D("400000.50")) == "400000.5"
    assert canonical(dt.date(2024, 1, 31)) == "2024-01-31"
    assert canonical("Regel 1\r\nRegel 2\n") == "Regel 1\nRegel 2"
    assert canonical(None) is None and canonical(3) == 3


# --- Properties ------------------------------------------------------------------------------

KEYS = st.sampled_from(["developments", "money_rating", "figures.spent_to_date", "risk.1.impact"])
VALUES = st.one_of(st.none(), st.integers(1, 5), st.text(max_size=5))
MAPS = st.dictionaries(KEYS, VALUES, max_size=4)


# The machine may be busy (browser tests, other runs): judge the merge, not the clock.
patient = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def three_versions(draw):
    """A base, and mine and theirs each changing some of its keys (and maybe adding one)."""
    base = draw(MAPS)
    mine = {**base, **draw(MAPS)}
    theirs = {**base, **draw(MAPS)}
    return base, mine, theirs


@patient
@given(three_versions())
def test_untouched_by_me_merges_to_theirs(versions):
    base, _mine, theirs = versions
    assert three_way_merge(base, base, theirs) == (theirs, {})


@patient
@given(three_versions())
def test_untouched_by_them_merges_to_mine(versions):
    base, mine, _theirs = versions
    assert three_way_merge(base, mine, base) == (mine, {})


@patient
@given(three_versions())
def test_no_field_i_did_not_touch_is_taken_from_me(versions):
    base, mine, theirs = versions
    merged, conflicts = three_way_merge(base, mine, theirs)
    for key in theirs:
        if mine.get(key, base.get(key)) == base.get(key, object()):
            assert merged[key] == theirs[key]
            assert key not in conflicts


@patient
@given(three_versions())
def test_every_merged_value_is_mine_or_theirs_and_conflicts_store_nothing_of_mine(versions):
    base, mine, theirs = versions
    merged, conflicts = three_way_merge(base, mine, theirs)
    for key, value in merged.items():
        assert value in (mine.get(key), theirs.get(key))
    for key, conflict in conflicts.items():
        assert conflict.mine != conflict.theirs
        assert merged.get(key) == theirs.get(key)
    for key in theirs:  # nothing they stored disappears
        assert key in merged


@patient
@given(three_versions())
def test_merging_is_symmetric_where_there_is_no_conflict(versions):
    base, mine, theirs = versions
    merged, conflicts = three_way_merge(base, mine, theirs)
    swapped, swapped_conflicts = three_way_merge(base, theirs, mine)
    assert set(conflicts) == set(swapped_conflicts)
    for key in merged.keys() - conflicts.keys():
        assert merged[key] == swapped[key]
