"""Binned colour scales for maps: the declared rule that turns the values drawn into 3-8 ranges with "nice"
boundaries, and the colour-vision-safe palettes the ranges are painted in (pure: values in, bins out).

The rule (no edition's numbers are written here; every boundary comes from the span of the values drawn):

- **Geometric** when the positive values span at least ``GEOMETRIC_SPAN`` decades (counts of people, money, most
  shares across the world): boundaries on the finest of the sequences 1-2-5, 1-3, 1 (per decade), then every 2nd or
  3rd power of ten, that gives at most ``MAX_BINS`` ranges between the smallest and the largest value.
- **Arithmetic** otherwise: equal steps of 1, 2, 2.5 or 5 x 10^k, the smallest step giving at most ``MAX_BINS``.
- **Signed** values (net migration) get ranges symmetric about 0 — negative ranges in one hue, positive in another,
  0 the boundary between them — by the same rule applied to the absolute values (at most ``MAX_BINS // 2`` a side;
  the ranges next to 0 reach at most ``SIGNED_DECADES`` decades below the largest absolute value).
- A reported 0 is data: the lowest range of non-negative values starts at 0 when a value is 0.

Every value falls in exactly one range: ranges are closed below and open above, but the last is closed above too
(``bin_index``). Labels use the page language's short numbers (dashboard/numbers.py: '1K–10K', '1–10 hilj.').
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..numbers import short

MAX_BINS = 8
GEOMETRIC_SPAN = 1.0  # decades between the smallest and the largest positive value
SIGNED_DECADES = 3  # signed values: the ranges nearest 0 start at most 3 decades below the largest |value|
GEOMETRIC_STEPS = ((1, 2, 5), (1, 3), (1,))  # mantissas per decade, finest first
ARITHMETIC_STEPS = (1, 2, 2.5, 5)

# ColorBrewer YlGnBu (9 classes; "colorblind safe" in ColorBrewer 2.0), the near-white first class left out so the
# lowest range stays distinct from the map's white borders and the light "not in the group" context
SEQUENTIAL = ("#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58")
# ColorBrewer PuOr (11 classes, colorblind safe), without its white middle: purple below 0, orange above
NEGATIVE = ("#d8daeb", "#b2abd2", "#8073ac", "#542788")  # light -> dark (small -> large negative)
POSITIVE = ("#fee0b6", "#fdb863", "#e08214", "#b35806")  # light -> dark
NO_DATA = "#949494"  # the mid grey farthest from every range under the three colour-vision deficiencies
CONTEXT = "#f1f1f1"  # countries outside a chosen group: drawn, not coloured


@dataclass(frozen=True)
class Bins:
    edges: tuple[float, ...]  # n + 1 ascending boundaries
    colours: tuple[str, ...]  # n colours, lowest range first

    def __len__(self) -> int:
        return len(self.colours)

    def labels(self, lang: str = "en") -> list[str]:
        """'1K–10K' ... in the page language's short numbers (one per range)."""
        dash = " – " if self.edges[0] < 0 else "–"  # '−10K – −1K' reads better spaced
        return [f"{short(a, lang)}{dash}{short(b, lang)}" for a, b in zip(self.edges[:-1], self.edges[1:])]

    def bin_index(self, values) -> np.ndarray:
        """The range of each value (0 .. n-1): closed below, open above, the last range closed above."""
        v = np.asarray(values, dtype=float)
        idx = np.searchsorted(np.asarray(self.edges[1:-1]), v, side="right")
        return idx.astype(int)


def _geometric(lo: float, hi: float, max_bins: int = MAX_BINS) -> list[float] | None:
    """Nice geometric boundaries b0 <= lo, bn >= hi, at most ``max_bins`` ranges (None if no sequence fits)."""
    d0, d1 = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    candidates = [[_clean(m * 10.0 ** d) for d in range(d0 - 1, d1 + 1) for m in ms] for ms in GEOMETRIC_STEPS]
    candidates += [[_clean(10.0 ** d) for d in range(d0 - 1, d1 + every, every)] for every in (2, 3)]
    for seq in candidates:
        below = [b for b in seq if b <= lo]
        above = [b for b in seq if b >= hi]
        if not below or not above:
            continue
        edges = [b for b in seq if below[-1] <= b <= above[0]]
        if 1 <= len(edges) - 1 <= max_bins:
            return edges
    return None


def _arithmetic(lo: float, hi: float, max_bins: int = MAX_BINS) -> list[float]:
    """Equal nice steps from a multiple of the step <= lo to one >= hi, at most ``max_bins`` ranges."""
    if hi <= lo:
        hi = lo + (abs(lo) or 1.0)
    k = math.floor(math.log10((hi - lo) / max_bins))
    for power in (k, k + 1, k + 2):
        for m in ARITHMETIC_STEPS:
            step = m * 10.0 ** power
            a, b = math.floor(lo / step), math.ceil(hi / step)
            a += _clean((a + 1) * step) <= lo  # float noise: 4.999999999 / 1 -> not a range below 5
            b -= _clean((b - 1) * step) >= hi
            edges = [_clean(i * step) for i in range(a, max(b, a + 1) + 1)]
            while edges[0] > lo:  # _clean rounded a boundary past the value
                edges.insert(0, _clean(edges[0] - step))
            while edges[-1] < hi:
                edges.append(_clean(edges[-1] + step))
            if len(edges) - 1 <= max_bins:
                return edges
    raise AssertionError("unreachable: a step of 10^(k+2) spans the values in one range")


def _clean(x: float) -> float:
    """10 ** -1 * 3 -> 0.3 (not 0.30000000000000004)."""
    return float(f"{x:.12g}")


def _pick(palette: tuple[str, ...], n: int) -> tuple[str, ...]:
    """``n`` colours spread over an ordered palette, light to dark."""
    if n >= len(palette):
        return palette[:n]
    idx = np.round(np.linspace(0, len(palette) - 1, n)).astype(int)
    return tuple(palette[i] for i in idx)


def _non_negative(values: np.ndarray, max_bins: int = MAX_BINS, decades: float | None = None) -> list[float]:
    positive = values[values > 0]
    has_zero = bool((values == 0).any())
    if positive.size == 0:
        return [0.0, 1.0]
    lo, hi = float(positive.min()), float(positive.max())
    if decades is not None:  # the ranges cover at most this many decades below the largest value
        lo = max(lo, hi / 10 ** decades)
    edges = None
    if hi / lo >= 10 ** GEOMETRIC_SPAN:
        edges = _geometric(lo, hi, max_bins)
    if edges is None:
        edges = _arithmetic(0.0 if has_zero else lo, hi, max_bins)
    if has_zero and edges[0] > 0:
        edges[0] = 0.0
    return edges


def make(values) -> Bins:
    """The bins of ``values`` (the non-missing values drawn) by the rule above."""
    v = np.asarray([x for x in np.asarray(values, dtype=float) if not math.isnan(x)], dtype=float)
    if v.size == 0:
        return Bins((0.0, 1.0), SEQUENTIAL[:1])
    if (v < 0).any():
        side = _non_negative(np.append(np.abs(v), 0.0), MAX_BINS // 2, SIGNED_DECADES)[1:]  # 0: the middle
        edges = tuple([-b for b in reversed(side)] + [0.0] + side)
        neg = _pick(NEGATIVE, len(side))[::-1]  # dark (most negative) first
        return Bins(edges, neg + _pick(POSITIVE, len(side)))
    edges = _non_negative(v)
    return Bins(tuple(edges), _pick(SEQUENTIAL, len(edges) - 1))
