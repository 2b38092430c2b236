"""Trafficking queries: '<5' never becomes a number, and the CTDC k-anonymity guard (k = 11) holds within each
allowed view and against differencing across every pair of allowed views."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from dashboard import store
from dashboard.queries import trafficking as q


def test_suppressed_unodc_cells_stay_text_and_flagged():
    rows = q.breakdown("ALB", 2017, "form")
    fl = rows.set_index("category").loc["Forced labour"]
    assert pd.isna(fl["value"]) and fl["value_txt"] == "<5" and fl["flag"] == "suppressed_lt5"
    other = rows.set_index("category").loc["Other forms of exploitation"]
    assert other["flag"] == "includes_suppressed" and other["value"] == 52
    ranking = q.victims_by_country(2020)
    lt5 = ranking[ranking["value_txt"] == "<5"]
    assert len(lt5) > 0 and lt5["value"].isna().all() and (lt5["flag"] == "suppressed_lt5").all()
    assert ranking["value"].dropna().is_monotonic_decreasing


def test_country_series_equals_indicator_table():
    from dashboard import store

    s = q.country_series("BIH")
    victims = s[s["indicator"] == q.VICTIMS].set_index("year")["value"]
    api = store.indicator_values("trafficking_victims_detected", countries=("BIH",)).set_index("year")["value"]
    assert victims.loc[2022] == api.loc[2022] == 38


def test_source_artefact_rows_are_counted_for_the_page():
    assert q.excluded_artefact_rows() == 128


def test_tip_timeline_ends_in_2015():
    tip = q.tip_timeline("BIH")
    assert tip["report_year"].min() >= 2001 and tip["report_year"].max() == 2015


# ------------------------------------------------------------------ k-anonymity

def _published(view: pd.DataFrame):
    return view[~view["suppressed"]]


@pytest.mark.parametrize("dim", list(q.CTDC_DIMS))
def test_no_published_ctdc_figure_comes_from_fewer_than_11_records(dim):
    view = q.ctdc_view(dim)
    pub = _published(view)
    assert (pub["records"] >= q.K).all()
    assert view.loc[view["suppressed"], "records"].isna().all()
    assert (view.loc[view["suppressed"], "records_txt"].str.startswith("<11")).all()
    # shares only from published cells
    assert view.loc[view["suppressed"], "share_pct"].isna().all()
    # margins are the full data: the grand total is every record (no record silently dropped)
    ct, _ = q.ctdc_tables()[dim]
    assert ct.loc[q.TOTAL, q.TOTAL] == len(q.ctdc_records())


@pytest.mark.parametrize("dim", list(q.CTDC_DIMS))
def test_within_a_view_total_minus_parts_never_gives_a_small_figure(dim):
    ct, sup = q.ctdc_tables()[dim]
    counts = ct.to_numpy()
    R, C = counts.shape[0] - 1, counts.shape[1] - 1
    for parts, total in q._lines(R, C):
        hidden = [p for p in parts if sup[p]]
        assert len(hidden) + int(sup[total]) != 1, (dim, parts)
        if hidden and not sup[total]:
            assert sum(counts[p] for p in hidden) >= q.K
    assert q.determinable(counts, sup) == []


def _joint_functionals(d1: str, d2: str):
    """Every published and every suppressed entry of views d1 and d2, as indicator vectors over the joint
    (d1 x d2 x exploitation) table of the records."""
    rec = q.ctdc_records()
    cats1 = list(q.ctdc_tables()[d1][0].index[:-1])
    cats2 = list(q.ctdc_tables()[d2][0].index[:-1])
    cols = list(q.EXPLOITATION)
    joint = rec.groupby([d1, d2, "exploitation"]).size()
    shape = (len(cats1), len(cats2), len(cols))
    cell = np.zeros(shape)
    for (a, b, e), n in joint.items():
        cell[cats1.index(a), cats2.index(b), cols.index(e)] = n
    pub, hidden = [], []
    for which, dim, cats in ((0, d1, cats1), (1, d2, cats2)):
        ct, sup = q.ctdc_tables()[dim]
        for r in range(len(cats) + 1):
            for c in range(len(cols) + 1):
                f = np.zeros(shape)
                rs = slice(None) if r == len(cats) else slice(r, r + 1)
                cs = slice(None) if c == len(cols) else slice(c, c + 1)
                if which == 0:
                    f[rs, :, cs] = 1
                else:
                    f[:, rs, cs] = 1
                assert (f * cell).sum() == ct.iat[r, c]  # the functional reproduces the published table
                (hidden if sup[r, c] else pub).append((dim, r, c, f.ravel(), ct.iat[r, c]))
    return pub, hidden


@pytest.mark.parametrize("d1,d2", list(itertools.combinations(q.CTDC_DIMS, 2)))
def test_adversarial_differencing_over_every_pair_of_views(d1, d2):
    """An attacker who sees both views fully (every published cell and margin) cannot recover any withheld
    cell exactly: no withheld cell is a linear combination of the published ones over the joint table."""
    pub, hidden = _joint_functionals(d1, d2)
    A = np.array([f for *_, f, _ in pub])
    rank = np.linalg.matrix_rank(A)
    for dim, r, c, f, n in hidden:
        assert np.linalg.matrix_rank(np.vstack([A, f])) > rank, f"{dim} cell {(r, c)} ({n}) is recoverable"
    # and the pairwise differences of published figures that are nested (one entry's records contain the
    # other's) are never a positive count below k
    for (_, _, _, f1, n1), (_, _, _, f2, n2) in itertools.combinations(pub, 2):
        if n1 != n2 and ((f2 <= f1).all() or (f1 <= f2).all()):
            assert abs(n1 - n2) >= q.K


def test_guard_suppresses_a_second_part_when_one_is_small():
    counts = np.array([[50, 3, 40, 93], [30, 30, 30, 90], [80, 33, 70, 183]])
    sup = q.suppress(counts)
    assert sup[0, 1] and sup[0].sum() >= 2  # complementary cell in the row
    assert sup[:, 1].sum() >= 2  # and in the column
    assert q.determinable(counts, sup) == []
    for parts, total in q._lines(2, 3):
        hidden = [p for p in parts if sup[p]]
        if hidden and not sup[total]:
            assert sum(counts[p] for p in hidden) >= q.K


# ------------------------------------------------------------------ who the detected victims are


def test_who_for_a_country_is_its_published_cells():
    rows = q.victims_who("DEU")
    y22 = rows[rows["year"] == 2022].set_index("part")["value"].to_dict()
    assert y22 == {"girls": 157, "boys": 36, "women": 589, "men": 505}
    assert (rows.loc[rows["year"] == 2022, "coverage_pct"] == 100).all()


def test_who_for_a_group_pools_members_with_all_four_cells_and_says_its_coverage():
    rows = q.victims_who("WB6")
    assert set(rows["part"]) == {"girls", "boys", "women", "men"}
    assert rows["coverage_pct"].dropna().between(0, 100).all()
    low = rows[rows["coverage_pct"] < 100 * 2 / 3]
    assert low["value"].isna().all() and (low["flag"] == "coverage_below_threshold").all()
    shown = rows[rows["value"].notna()]
    assert len(shown) and (shown["members_with_data"] >= 1).all()
    # the parts of a group never exceed the group's detected victims of the pooled members
    world = q.victims_who("WLD")
    per_year = world[world["value"].notna()].groupby("year")["value"].sum()
    totals = store.indicator_values("trafficking_victims_detected").groupby("year")["value"].sum()
    assert (per_year <= totals.reindex(per_year.index)).all()


def test_forms_by_sex_use_both_sexes_as_numbers_only():
    deu = q.forms_by_sex("DEU")
    # Germany 2022: forced labour has a '<5' cell among girls, so only sexual exploitation can be split
    assert set(deu["form"]) == {"Sexual exploitation"}
    assert deu.set_index("sex")["value"].to_dict() == {"female": 534.0, "male": 45.0}
    assert q.forms_by_sex("WB6").empty or q.forms_by_sex("WB6")["value"].notna().all()
