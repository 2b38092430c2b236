"""Facts of a data edition come from the bundle, not from code: a bundle with more months moves the 'partial
year' of Frontex and of the IOM files, in the queries, the chart texts and the year options; the default year of the
routes page; and one more US TIP report year moves the TIP chart's span and texts."""
from __future__ import annotations

import json
import shutil

import pandas as pd

from dashboard import ids, store, views
from dashboard.ingest.build import sha256_file, write_parquet
from dashboard.queries import missing, routes, trafficking


def _find(component, cid):
    """The component with id ``cid`` in a Dash layout tree."""
    if getattr(component, "id", None) == cid:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        if hasattr(child, "children") or hasattr(child, "id"):
            hit = _find(child, cid)
            if hit is not None:
                return hit
    return None


def _with_more_months(tmp_path):
    path = tmp_path / "curated"
    shutil.copytree(store.bundle().path, path)
    manifest = json.loads((path / "manifest.json").read_text())
    fx = pd.read_parquet(path / "irregular_frontex.parquet")
    fx = fx.assign(month=fx["month"].astype(str))
    april = fx[fx["month"] == "2025-04"]
    extra = [april.assign(month=f"{y}-{m:02d}") for y, m in [(2025, k) for k in range(5, 13)] + [(2026, 1), (2026, 2)]]
    write_parquet(pd.concat([fx, *extra], ignore_index=True), path / "irregular_frontex.parquet")
    mmp = pd.read_parquet(path / "mmp_incidents.parquet")
    last = mmp[mmp["source_file"] == missing.DATASETS["global"]].sort_values("date").tail(1)
    later = last.assign(date=pd.Timestamp("2025-11-15").as_unit("s"), year=2025, month=11, incident_id="test-later")
    write_parquet(pd.concat([mmp, later], ignore_index=True), path / "mmp_incidents.parquet")
    tip = pd.read_parquet(path / "us_tip_tiers.parquet")
    last_report = tip[tip["report_year"] == tip["report_year"].max()]
    write_parquet(pd.concat([tip, last_report.assign(report_year=last_report["report_year"] + 1)], ignore_index=True),
                  path / "us_tip_tiers.parquet")
    for name in ("irregular_frontex.parquet", "mmp_incidents.parquet", "us_tip_tiers.parquet"):
        manifest["tables"][name]["sha256"] = sha256_file(path / name)
    manifest["bundle_version"] = "test.more-months"
    (path / "manifest.json").write_text(json.dumps(manifest))
    return path


def _tip_title(lang="en") -> str:
    state, _ = views.parse("traf-tip", {"country": "ALB"})
    return views.render("traf-tip", state, lang)["title"]


def test_a_bundle_with_more_months_moves_the_partial_years(tmp_path):
    assert routes.frontex_last_month() == "2025-04" and routes.frontex_partial(2025)
    assert missing.last_month("global") == "2025-04"
    assert views.parse("routes-top", {})[0]["year"] == 2024  # the latest full year is the default
    first, last = trafficking.tip_span()
    assert f"{first}–{last}" in _tip_title()
    original = store.bundle().path
    try:
        store.configure(_with_more_months(tmp_path))
        assert routes.frontex_last_month() == "2026-02"
        assert not routes.frontex_partial(2025) and routes.frontex_partial(2026)
        assert missing.last_month("global") == "2025-11"
        assert missing.partial_flag("global", 2025) == "partial year (Jan-Nov 2025)"
        years = missing.yearly_totals("global").set_index("year")["flag"]
        assert years[2025] == "partial year (Jan-Nov 2025)" and pd.isna(years[2024])
        from layouts import routes as page

        options = _find(page.layout(), ids.ROUTES_YEAR).options
        labels = {o["value"]: o["label"] for o in options}
        assert labels[2025] == "2025" and labels[2026] == "2026 (partial)"
        state, _ = views.parse("routes-top", {"year": "2025"})
        assert "partial" not in views.render("routes-top", state)["subtitle"].lower()
        state, _ = views.parse("routes-top", {"year": "2026"})
        assert "partial" in views.render("routes-top", state)["subtitle"].lower()
        assert views.parse("routes-top", {})[0]["year"] == 2025  # 2025 is complete now
        assert trafficking.tip_span() == (first, last + 1)
        assert f"{first}–{last + 1}" in _tip_title() and f"{last + 1}" in _tip_title("fr")
        tip_fig = views.render("traf-tip", views.parse("traf-tip", {"country": "ALB"})[0])["figure"]
        assert tip_fig["layout"]["xaxis"]["range"][1] == last + 1.5
    finally:
        store.configure(original)
    assert routes.frontex_last_month() == "2025-04"
