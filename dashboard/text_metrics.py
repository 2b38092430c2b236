"""How wide a line of text is drawn, estimated without a browser: the slide images wrap their titles by it
(``dashboard/share/images.py``) and the charts reserve room for their axis labels by it (``dashboard/charts.py``).

The estimate is a little generous (DejaVu Sans, the widest common sans font): text is wrapped early and room is
reserved, never too little."""
from __future__ import annotations

# glyph advance widths in em of DejaVu Sans (what system-ui resolves to on Debian; other sans fonts are narrower)
_LOWER = dict(zip("abcdefghijklmnopqrstuvwxyz", (.613, .635, .550, .635, .615, .352, .635, .634, .278, .278, .579,
                                                 .278, .974, .634, .612, .635, .635, .411, .521, .392, .634, .592,
                                                 .818, .592, .592, .525)))
_NARROW = dict.fromkeys(" .,:;'|!()[]/-", .34)
BOLD = 1.13  # bold is wider


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated rendered width in px of one line of ``text`` (a little generous: wrap early, never clip)."""
    em = 0.0
    for ch in text:
        if ch in _LOWER:
            em += _LOWER[ch]
        elif ch in _NARROW:
            em += _NARROW[ch]
        elif ch in "MWmw@%":
            em += 1.0
        elif ch.isdigit():
            em += .636
        elif ch.isupper():
            em += .74
        elif ch.islower():  # accented letters
            em += .64
        else:
            em += .7
    return em * size * (BOLD if bold else 1.0) * 1.03
