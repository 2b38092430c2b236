"""Colour (issue 18, WCAG 2.2 AA): the chart palettes stay distinguishable for the common colour-vision
deficiencies, and the text colours of the CSS have at least 4.5:1 contrast on their backgrounds.

Distinguishable: every two colours of a palette drawn in one chart are at least ``MIN_DELTA_E`` apart in
CAM02-UCS (colorspacious' deltaE) after simulating full deuteranopia, protanopia and tritanopia (Machado et al.
2009, colorspacious' "sRGB1+CVD" at severity 100). Contrast: the WCAG relative-luminance ratio."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from dashboard.figures import displacement, missing, profile, series, trafficking

ASSETS = Path(__file__).resolve().parents[1] / "assets"
MIN_DELTA_E = 6.5  # CAM02-UCS; Okabe-Ito's closest pair (bluish green vs grey, deuteranopia) is 7.0
DEFICIENCIES = ("deuteranomaly", "protanomaly", "tritanomaly")
PALETTES = {
    "series": series.PALETTE,
    "displacement": displacement.PALETTE,
    "profile": profile.PALETTE,
    "missing causes": tuple(missing.CAUSE_COLOURS.values()),
    "missing routes": missing.ROUTE_COLOURS,
    "trafficking who": tuple(trafficking.WHO_COLOURS.values()),
}


def rgb(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)]) / 255


def closest_pair(palette, deficiency: str) -> tuple[float, str, str]:
    space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    seen = [np.clip(cspace_convert(rgb(c), space, "sRGB1"), 0, 1) for c in palette]
    return min((float(deltaE(seen[i], seen[j], input_space="sRGB1")), palette[i], palette[j])
               for i, j in itertools.combinations(range(len(palette)), 2))


@pytest.mark.parametrize("name", sorted(PALETTES))
@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_palettes_stay_distinguishable_under_colour_vision_deficiencies(name, deficiency):
    d, a, b = closest_pair(PALETTES[name], deficiency)
    assert d >= MIN_DELTA_E, f"{name}: {a} and {b} are {d:.1f} apart for {deficiency}"


def test_the_check_catches_a_palette_that_merges():
    # red and green of equal lightness: one colour for a deuteranope
    d, _, _ = closest_pair(("#b91c1c", "#4d7a00", "#0072B2"), "deuteranomaly")
    assert d < MIN_DELTA_E


def luminance(hex_colour: str) -> float:
    c = rgb(hex_colour)
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2])


def contrast(fg: str, bg: str) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def css_variables() -> dict[str, str]:
    text = (ASSETS / "style.css").read_text()
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})\b", text))


BACKGROUNDS = ("#ffffff", "#f5f7fa")  # the page and the panels (--bg, --panel)


def text_colours() -> set[str]:
    """Every ``color:`` of every stylesheet (var() resolved), but the plotly hover and on-dark white text."""
    names = css_variables()
    found = set()
    for css in ASSETS.glob("*.css"):
        for value in re.findall(r"(?<![\w-])color:\s*([^;}]+)", css.read_text()):
            value = value.strip().removesuffix("!important").strip()
            m = re.fullmatch(r"var\(--([\w-]+)(?:,\s*(#[0-9a-fA-F]{3,6}))?\)", value)
            if m:
                value = names.get(m.group(1), m.group(2) or "")
            if re.fullmatch(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}", value) and value.lower() not in ("#fff", "#ffffff"):
                found.add(value.lower())
    return found


def test_css_text_colours_have_at_least_4_5_to_1_contrast():
    colours = text_colours()
    assert len(colours) >= 4  # ink, muted, accent, warning ink at least
    low = {(c, bg): round(contrast(c, bg), 2) for c in colours for bg in BACKGROUNDS if contrast(c, bg) < 4.5}
    assert low == {}, low


def test_white_text_sits_on_dark_enough_fills():
    names = css_variables()
    for fill in (names["ink"], names["accent"]):  # the current language, the opened menu, the pressed play button
        assert contrast("#ffffff", fill) >= 4.5, fill


def test_the_focus_ring_stands_out_from_the_backgrounds():
    ring = css_variables()["focus"]
    assert all(contrast(ring, bg) >= 3 for bg in BACKGROUNDS)  # WCAG 1.4.11 non-text contrast


def test_contrast_arithmetic():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54
