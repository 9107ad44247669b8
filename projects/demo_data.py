"""Demo data from Rotterdam's Monitor ICT Projecten, February–May 2023 (seed 000).

The texts are data, not code: they live in ``fixtures/demo/monitor.json`` (see its ``_about``)
so they can be read and corrected without touching Python. This module reads the file once and
exposes its parts under the names ``loaddemo`` uses. Pure data: no Django imports.
"""

import json
from pathlib import Path

DEMO_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "demo"

_DATA = json.loads((DEMO_FIXTURES / "monitor.json").read_text(encoding="utf-8"))

MUNICIPALITY: str = _DATA["municipality"]
INTRODUCTION: dict = _DATA["introduction"]
INDICATORS_TEXT: str = INTRODUCTION["indicators"]  # the seed's "Omschrijving indicatoren"
RATING_LABELS: dict = _DATA["rating_labels"]  # the short legend beside "Situatie vorige rapportage"
ASPECT_LABELS: dict = _DATA["aspect_labels"]
PERIODS: list[dict] = _DATA["periods"]  # oldest first
UNITS: list[dict] = _DATA["units"]
PORTFOLIO_HOLDERS: list[dict] = _DATA["portfolio_holders"]
PROGRAMMES: list[dict] = _DATA["programmes"]  # a track's "position": its order in its programme


# --------------------------------------------------------------------------------------------
# Self-check: python projects/demo_data.py
# --------------------------------------------------------------------------------------------

ASPECTS = ("quality", "money", "time", "risk")
RATINGS = ("green", "orange", "red")
KINDS = ("programme", "project", "track")


def _check() -> None:
    period_keys = [p["key"] for p in PERIODS]
    assert len(period_keys) == len(set(period_keys)), "period keys must be unique"
    assert [p["start"] for p in PERIODS] == sorted(p["start"] for p in PERIODS), "oldest first"
    for p in PERIODS:
        assert p["end"] > p["start"], p["key"]
        assert (p["state"] == "published") == (p["published_on"] is not None), p["key"]

    unit_names = [u["short_name"] for u in UNITS]
    assert len(unit_names) == len(set(unit_names)), "unit short names must be unique"
    holder_names = [h["name"] for h in PORTFOLIO_HOLDERS]
    assert len(holder_names) == len(set(holder_names)), "portfolio holders must be unique"

    slugs = [p["slug"] for p in PROGRAMMES]
    assert len(slugs) == len(set(slugs)), "slugs must be unique"
    by_slug = {p["slug"]: p for p in PROGRAMMES}

    for prog in PROGRAMMES:
        where = prog["slug"]
        assert prog["kind"] in KINDS, where
        assert prog["unit"] in unit_names, f"{where}: unknown unit {prog['unit']}"
        assert prog["portfolio_holder"] in holder_names, f"{where}: unknown portfolio holder"
        assert prog["name"] and prog["short_name"] and prog["goal"].strip(), where
        if prog["kind"] == "track":
            assert prog["parent"] in by_slug, f"{where}: unknown parent {prog['parent']}"
            assert by_slug[prog["parent"]]["parent"] is None, f"{where}: nested track"
        else:
            assert prog["parent"] is None, f"{where}: only tracks have a parent"
        for key, report in prog["reports"].items():
            assert key in period_keys, f"{where}: unknown period {key}"
            assert set(report["ratings"]) == set(ASPECTS), f"{where} {key}: ratings keys"
            assert set(report["explanations"]) == set(ASPECTS), f"{where} {key}: explanation keys"
            for aspect in ASPECTS:
                rating = report["ratings"][aspect]
                assert rating in RATINGS, f"{where} {key} {aspect}: bad rating {rating!r}"
                if rating != "green":
                    assert report["explanations"][aspect].strip(), (
                        f"{where} {key} {aspect}: {rating} needs an explanation"
                    )
            assert report["developments"].strip(), f"{where} {key}: developments missing"

    for parent in ("rdi", "digitale-stad"):
        assert parent in by_slug, parent
    assert sum(p["parent"] == "rdi" for p in PROGRAMMES) == 4, "RDI has four tracks"
    assert sum(p["parent"] == "digitale-stad" for p in PROGRAMMES) == 3, "Digitale Stad: 3 sporen"
    top = [p for p in PROGRAMMES if p["parent"] is None]
    assert len(top) == 8, "eight programmes"
    assert all("2023-1" in p["reports"] and "2022-3" in p["reports"] for p in top)


if __name__ == "__main__":
    _check()
    n_reports = sum(len(p["reports"]) for p in PROGRAMMES)
    print(f"demo_data OK: {len(PROGRAMMES)} programmes/tracks, {n_reports} reports")
