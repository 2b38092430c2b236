"""Binned map colour scales (dashboard/figures/bins.py): every value in exactly one range, nice boundaries from the
span of the values, labels in the page language's number format, colour-vision-safe distinct colours."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from dashboard.figures import bins
from tests.test_colours import MIN_DELTA_E, closest_pair

finite = st.floats(min_value=-1e9, max_value=1e10, allow_nan=False, allow_infinity=False)


def _nice(x: float) -> bool:
    """A boundary is 0 or m x 10^k with m in 1, 2, 2.5, 3, 5 (up to float noise)."""
    if x == 0:
        return True
    m = abs(x) / 10 ** math.floor(math.log10(abs(x)))
    return any(math.isclose(m, n, rel_tol=1e-9) for n in (1, 2, 2.5, 3, 5, 10))


@settings(max_examples=300, deadline=None)
@given(st.lists(finite, min_size=1, max_size=60))
def test_every_value_falls_in_exactly_one_range(values):
    b = bins.make(values)
    assert 1 <= len(b) <= bins.MAX_BINS and len(b.edges) == len(b) + 1
    assert list(b.edges) == sorted(set(b.edges))  # strictly ascending
    idx = b.bin_index(values)
    for v, k in zip(values, idx):
        assert 0 <= k < len(b)
        lo, hi = b.edges[k], b.edges[k + 1]
        assert lo <= v <= hi and (v < hi or k == len(b) - 1), (v, b.edges)
        # and in no other range (closed below, open above; the last closed above)
        others = [j for j in range(len(b)) if j != k and b.edges[j] <= v < b.edges[j + 1]]
        assert others == []
    # nice boundaries: each a nice number (geometric), or equal nice steps (arithmetic), on either side of 0
    for side in ([e for e in b.edges if e >= 0], [-e for e in b.edges if e <= 0][::-1]):
        steps = np.diff(side)
        assert all(_nice(e) for e in side) or (
            np.allclose(steps, steps[0], rtol=1e-9) and _nice(steps[0]) and
            all(math.isclose(e / steps[0], round(e / steps[0]), abs_tol=1e-6) for e in side)), b.edges


def test_counts_over_many_decades_get_powers_of_ten():
    b = bins.make([120, 4_500, 2_000_000, 48_000_000])
    assert b.edges == (100.0, 1_000.0, 10_000.0, 100_000.0, 1_000_000.0, 10_000_000.0, 100_000_000.0)
    assert b.labels("en")[0] == "100–1K"


def test_a_narrow_span_gets_a_finer_sequence_and_zero_starts_the_lowest_range():
    assert bins.make([35_000, 760_000]).edges == (20_000.0, 50_000.0, 100_000.0, 200_000.0, 500_000.0, 1_000_000.0)
    assert bins.make([0, 35_000, 760_000]).edges[0] == 0.0
    assert bins.make([2.0, 7.5]).edges == (2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0)  # arithmetic under one decade


def test_signed_values_are_symmetric_about_zero_in_two_hues():
    b = bins.make([-480_000, -20, 5, 1_200_000])
    assert b.edges[len(b) // 2] == 0.0 and b.edges[0] == -b.edges[-1]
    assert set(b.colours[: len(b) // 2]) <= set(bins.NEGATIVE) and set(b.colours[len(b) // 2:]) <= set(bins.POSITIVE)


@pytest.mark.parametrize("lang, expected", [
    ("en", ["0.1–0.3", "0.3–1", "1–3", "3–10", "10–30", "30–100"]),
    ("bs", ["0,1–0,3", "0,3–1", "1–3", "3–10", "10–30", "30–100"]),
    ("fr", ["0,1–0,3", "0,3–1", "1–3", "3–10", "10–30", "30–100"]),
])
def test_share_labels_in_the_page_language(lang, expected):
    assert bins.make([0.12, 4.0, 88.0]).labels(lang) == expected


def test_large_number_labels_in_the_page_language():
    b = bins.make([1_500, 3_000_000])  # 1-3 per decade: 7 ranges
    assert b.labels("en")[0] == "1K–3K" and b.labels("en")[-1] == "1M–3M"
    assert b.labels("bs")[0] == "1\xa0hilj.–3\xa0hilj." and b.labels("bs")[-1] == "1\xa0mil.–3\xa0mil."
    assert b.labels("fr")[0] == "1\xa0k–3\xa0k" and b.labels("fr")[-1] == "1\xa0M–3\xa0M"


@pytest.mark.parametrize("deficiency", ["deuteranomaly", "protanomaly", "tritanomaly"])
@pytest.mark.parametrize("palette", ["SEQUENTIAL", "DIVERGING"])
def test_ranges_no_data_and_context_stay_distinguishable(palette, deficiency):
    colours = bins.SEQUENTIAL if palette == "SEQUENTIAL" else bins.NEGATIVE + bins.POSITIVE
    # neighbouring ranges are the pairs a reader compares; every range differs from 'No data' and the context
    for a, b in zip(colours, colours[1:]):
        d, _, _ = closest_pair((a, b), deficiency)
        assert d >= MIN_DELTA_E / 2, (a, b, d)
    for c in colours:
        for grey in (bins.NO_DATA, bins.CONTEXT):
            d, _, _ = closest_pair((c, grey), deficiency)
            assert d >= MIN_DELTA_E / 2, (c, grey, d)
    d, _, _ = closest_pair((bins.NO_DATA, bins.CONTEXT), deficiency)
    assert d >= MIN_DELTA_E


def test_no_values_give_one_empty_range():
    b = bins.make([float("nan")])
    assert len(b) == 1 and list(b.bin_index(np.array([]))) == []
