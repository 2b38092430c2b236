"""The chart text rules, in one place: every chart on a page, in an embed or in a slide image gets them through
``views.render`` (``apply``), so no figure builder or view has to remember them.

- **Titles in plain words**: a title names what is shown, not the dataset's edition code: "International
  migrant stock (UN DESA IMS 2024), 2024" reads "International migrant stock, 2024" (``plain_title``); the
  edition is one click away in the source line's provenance panel.
- **A short source line**: "Source: UN DESA (2024); World Bank (2023)" (``short_source``): the publisher's short
  name and the publication year, both read from the bundle manifest (the year as the citations read it,
  ``source_year``). The full line (publisher, dataset, edition, licence) stays in the download metadata
  (``source_full``) and opens from the short line on hover or focus (layouts/provenance.py).
- **Human numbers on axes**: a value axis is labelled by ``numbers.short`` in the page language (500K, 1.5M,
  20B; 20 mlrd. in Bosnian, 20 Md in French) instead of d3's SI prefixes (plotly's "~s" writes 0.5 as "500m" and
  a billion as "1G"); year axes never repeat a year (no half-year ticks) nor cram one label per year on a phone
  (a long span is thinned to the chart's width), x labels stand off their axis so the first clears the y axis's
  '0', and every axis makes room for its labels (``automargin``).
- **Room reserved for the labels** (``fit_margins``): the margins are set from the labels' estimated widths before
  the browser draws, because plotly's ``automargin`` otherwise draws each chart twice (once to measure its labels,
  once more with the margins they need; the series small multiples re-plotted in 150 ms that way, 57 ms without).
  ``automargin`` stays on, so a label wider than estimated still fits (at the cost of that second drawing).
- **Text that fits** (``fit_text``): long axis titles, legend entries and category labels wrap; a horizontal legend
  sits above the plot, not on the x axis title; long bars carry their value inside, so nothing runs off the chart
  on a phone (tests/browser/test_chart_fit.py measures it).
"""
from __future__ import annotations

import math
import re
import textwrap

from . import numbers, store
from .i18n import t
from .text_metrics import text_width

# A parenthesised dataset code with its edition year at the end of a name: "(UN DESA IMS 2024)", "(UN WPP 2024)",
# "(UN DESA IMS 2020 revision)". Words in lower case ("(CTDC synthetic records, cases 2002-2021)") are a
# description, not a code, and stay.
EDITION_CODE = re.compile(r"\s*\((?:[A-Z][A-Za-z&]*\s+)+(?:19|20)\d{2}(?:\s+revision)?\)")

# The short names publishers go by where the manifest's publisher field does not start with it. Publisher names,
# not facts of an edition: a new edition keeps them.
PUBLISHER_SHORT = {
    "United Nations, Department of Economic and Social Affairs, Population Division": "UN DESA",
}
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&-]{1,9})\)")


def plain_title(title: str) -> str:
    """The title without dataset edition codes: 'International migrant stock (UN DESA IMS 2024), 2024' ->
    'International migrant stock, 2024'."""
    return EDITION_CODE.sub("", str(title or ""))


def source_year(src: dict) -> str:
    """Publication year: the year in the publisher's citation '(2019)', else the latest year named in the
    edition, else 'n.d.' (never invented)."""
    m = re.search(r"\((\d{4})\)", src.get("citation") or "")
    if m:
        return m.group(1)
    years = [int(y) for y in re.findall(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", src.get("edition") or "")]
    return str(max(years)) if years else "n.d."


def publisher_short(publisher: str) -> str:
    """'UNHCR, the UN Refugee Agency' -> 'UNHCR'; 'Internal Displacement Monitoring Centre (IDMC)' -> 'IDMC';
    'World Bank' -> 'World Bank'."""
    publisher = str(publisher or "").split(";")[0].strip()
    if publisher in PUBLISHER_SHORT:
        return PUBLISHER_SHORT[publisher]
    m = _ACRONYM.search(publisher)
    if m:
        return m.group(1)
    return re.split(r",| \(", publisher, maxsplit=1)[0].strip()


def short_citation(source_id: str) -> str:
    """'UN DESA (2024)': a source's short name and year, from the manifest."""
    src = store.source_meta(source_id)
    name = publisher_short(src.get("publisher") or source_id)
    year = source_year(src)
    return name if year == "n.d." else f"{name} ({year})"


def short_source(source_ids, lang: str = "en") -> str:
    """'Source: UN DESA (2024)' / 'Sources: UN DESA (2024); World Bank (2023)', in the page language."""
    cites = list(dict.fromkeys(short_citation(s) for s in source_ids if s))
    if not cites:
        return ""
    line = (t("source.short", lang, sources=cites[0]) if len(cites) == 1
            else t("source.short_many", lang, sources="; ".join(cites)))
    if any(store.source_meta(s).get("non_commercial") for s in source_ids if s):
        line += " " + t("source.non_commercial", lang)
    return line


def source_line(source_id: str, lang: str = "en") -> str:
    """The full source line (publisher, dataset, edition, licence): download metadata and the views' own texts."""
    src = store.source_meta(source_id)
    line = t("source.line", lang, publisher=src.get("publisher", ""), title=src.get("title", ""),
             edition=src.get("edition", ""), licence=src.get("licence", ""))
    if src.get("non_commercial"):
        line += " " + t("source.non_commercial", lang)
    return line


# ---------------------------------------------------------------------------------------------------- axes

_AXIS = re.compile(r"^([xy])axis(\d*)$")
SI = "~s"


def _numbers(values) -> list[float]:
    out = []
    for v in values or []:
        if isinstance(v, bool) or v is None:
            continue
        try:
            f = float(v)
        except (TypeError, ValueError):
            return []  # categories or dates: not a number axis
        if math.isfinite(f):
            out.append(f)
    return out


def _axis_values(figure: dict, name: str) -> tuple[list[float], bool]:
    """Every number drawn on the layout axis ``name`` ('xaxis2') and whether bars start at zero on it; stacked
    bars count as their sums."""
    letter, num = _AXIS.match(name).groups()
    ref = letter + num  # 'x2'
    stacked = (figure.get("layout") or {}).get("barmode") in ("stack", "relative")
    values, bars, stacks = [], False, {}
    for trace in figure.get("data") or []:
        if (trace.get(f"{letter}axis") or letter) != ref:
            continue
        kind = trace.get("type") or "scatter"
        if kind not in ("scatter", "scattergl", "bar"):
            continue
        horizontal = trace.get("orientation") == "h"
        value_letter = ("x" if horizontal else "y") if kind == "bar" else letter
        vals = trace.get(letter)
        if kind == "bar" and letter == value_letter:
            bars = True
            cats = trace.get("y" if horizontal else "x") or []
            if stacked and vals and len(vals) == len(cats):
                for cat, v in zip(cats, vals):
                    num = _numbers([v])
                    if num:
                        pos, neg = stacks.get(str(cat), (0.0, 0.0))
                        stacks[str(cat)] = (pos + max(num[0], 0), neg + min(num[0], 0))
                continue
            values += _numbers(vals)
        else:
            values += _numbers(vals)
    for pos, neg in stacks.values():
        values += [pos, neg]
    return values, bars


def nice_ticks(lo: float, hi: float, target: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 x 10^k) covering [lo, hi], about ``target`` of them."""
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        hi, lo = (hi + abs(hi) * 0.5 + 1, lo) if hi >= 0 else (hi, lo - abs(lo) * 0.5 - 1)
    raw = (hi - lo) / max(target, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    first = math.floor(lo / step + 1e-9) * step
    ticks, v = [], first
    while v <= hi + step * 1e-9:
        ticks.append(round(v, 10))
        v += step
    if ticks and ticks[-1] < hi:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _value_axis(axis: dict, values: list[float], bars: bool, lang: str) -> None:
    """Ticks of a value axis written by the one number formatter (instead of d3's SI prefixes)."""
    if axis.get("type") in ("log", "category", "date", "multicategory") or "tickvals" in axis:
        axis["tickformat"] = None if axis.get("tickformat") == SI else axis.get("tickformat")
        return
    rng = axis.get("range")
    if isinstance(rng, (list, tuple)) and len(rng) == 2 and all(isinstance(r, (int, float)) for r in rng):
        lo, hi = float(rng[0]), float(rng[1])
    elif values:
        lo, hi = min(values), max(values)
        if bars or axis.get("rangemode") == "tozero":
            lo, hi = min(lo, 0.0), max(hi, 0.0)
    else:
        axis["tickformat"] = None
        return
    ticks = nice_ticks(lo, hi, 4 if axis.get("_few") else 6)
    axis.pop("tickformat", None)
    axis.update(tickmode="array", tickvals=ticks, ticktext=[numbers.short(v, lang) for v in ticks])


YEAR_LABELS = 8  # a fixed year step is kept only where it draws at most this many labels (they fit a phone)
X_LABEL_STANDOFF = 5  # px between an x axis and its labels: the first one clears the y axis's '0' at the corner


def _year_axis(axis: dict, values: list[float], level: bool = True) -> None:
    """A year axis: whole years only, so a short span never shows '2021 2021 2022 2022'."""
    years = [v for v in values if float(v).is_integer()]
    if not years or len(years) != len(values):
        return
    axis["tickformat"] = "d"
    if level:  # years read level; plotly thins them instead (angled, they ran off phones)
        axis.setdefault("tickangle", 0)
    rng = axis.get("range")
    lo, hi = (rng if isinstance(rng, (list, tuple)) and len(rng) == 2 and all(isinstance(r, (int, float)) for r in rng)
              else (min(years), max(years)))
    step = axis.get("dtick")
    if isinstance(step, (int, float)) and step > 0 and "tickvals" not in axis and (hi - lo) / step > YEAR_LABELS:
        # a builder's fixed step ('every year') over a long span crams a phone's axis: plotly thins the years to the
        # chart's width instead (whole years still: the span is long enough that it never steps by half a year)
        axis.pop("dtick")
        axis.pop("tick0", None)
        if axis.get("tickmode") == "linear":
            axis.pop("tickmode")
    if max(years) - min(years) <= 6 and "dtick" not in axis and "tickvals" not in axis:
        axis.update(tickmode="linear", tick0=min(years), dtick=1)


def tidy_axes(figure: dict, lang: str = "en") -> dict:
    """Apply the axis rules to a figure dict in place (and return it)."""
    layout = figure.get("layout")
    if not isinstance(layout, dict):
        return figure
    small_multiples = sum(1 for k in layout if _AXIS.match(k)) > 4
    for name in [k for k in layout if _AXIS.match(k)]:
        axis = layout[name]
        if not isinstance(axis, dict):
            continue
        axis.setdefault("automargin", True)
        if name.startswith("x"):
            axis.setdefault("ticklabelstandoff", X_LABEL_STANDOFF)
        values, bars = _axis_values(figure, name)
        if axis.get("tickformat") == SI:
            axis["_few"] = small_multiples
            _value_axis(axis, values, bars, lang)
            axis.pop("_few", None)
        elif axis.get("tickformat") == "d" or (
                axis.get("type") in (None, "linear") and values and not bars and "tickvals" not in axis
                and all(1800 <= v <= 2200 and float(v).is_integer() for v in values)
                and name.startswith("x")):
            _year_axis(axis, values, level=not small_multiples)
    for trace in figure.get("data") or []:  # colour bars with SI ticks: the formatter's short numbers, no prefixes
        bar = (trace.get("colorbar") or (trace.get("marker") or {}).get("colorbar"))
        if isinstance(bar, dict) and bar.get("tickformat") == SI and "tickvals" not in bar:
            z = _numbers(trace.get("z") or (trace.get("marker") or {}).get("color"))
            if z:
                ticks = nice_ticks(min(min(z), 0.0), max(z))
                bar.pop("tickformat")
                bar.update(tickmode="array", tickvals=ticks, ticktext=[numbers.short(v, lang) for v in ticks])
            else:
                bar["tickformat"] = None
    return figure


WRAP = {"axis_title": 28, "legend": 36, "category": 26, "annotation": 24}
LEGEND_LONG = 40  # legend entries (trace names) are wrapped only beyond this: a name is also the trace's identity


def wrap(text, width: int) -> str:
    """A long label on several lines ('<br>'), so it fits a phone-wide chart instead of running off it."""
    text = str(text)
    if len(text) <= width or "<br>" in text:
        return text
    # never break inside markup ('<span style=...>'): its spaces are held while the words are wrapped
    held = re.sub(r"<[^>]*>", lambda m: m.group(0).replace(" ", "\x00"), text)
    lines = textwrap.wrap(held, width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines).replace("\x00", " ") or text


BAR_ROW = 26  # px per bar of a horizontal bar chart with one-line labels
BAR_ROW_WRAPPED = 34  # px per bar when a label wraps to two lines (two lines of 12 px text and the gap between bars)


def bar_height(labels, base: int = 60, minimum: int = 260) -> int:
    """The height of a horizontal bar chart with these category labels: room for each bar's label, two lines high
    where a label wraps (``fit_text``), so neighbouring labels never overlap."""
    labels = [str(v) for v in labels]
    row = BAR_ROW_WRAPPED if any(len(v) > WRAP["category"] for v in labels) else BAR_ROW
    return max(minimum, row * len(labels) + base)


def fit_text(figure: dict) -> dict:
    """Text that fits its chart at any width: long axis titles, legend entries and category labels wrapped, a
    horizontal legend above the plot (below it, it runs into the x axis title), bar values inside long bars."""
    layout = figure.get("layout")
    if not isinstance(layout, dict):
        return figure
    cartesian = False
    for name in [k for k in layout if _AXIS.match(k)]:
        axis = layout[name]
        if not isinstance(axis, dict):
            continue
        cartesian = True
        title = axis.get("title")
        if isinstance(title, dict) and isinstance(title.get("text"), str):
            title["text"] = wrap(title["text"], WRAP["axis_title"])
        elif isinstance(title, str):
            axis["title"] = {"text": wrap(title, WRAP["axis_title"])}
        letter, num = _AXIS.match(name).groups()
        labels = []
        for trace in figure.get("data") or []:
            if (trace.get(f"{letter}axis") or letter) == letter + num and trace.get("type") in ("bar", "scatter", None):
                vals = trace.get(letter) or []
                if vals and all(isinstance(v, str) for v in vals):
                    labels = list(dict.fromkeys(labels + list(vals)))  # each category once, in order
        if labels and "tickvals" not in axis and any(len(v) > WRAP["category"] for v in labels):
            axis.update(tickmode="array", tickvals=labels, ticktext=[wrap(v, WRAP["category"]) for v in labels])
    for trace in figure.get("data") or []:
        if isinstance(trace.get("name"), str) and trace.get("showlegend") is not False and \
                len(trace["name"]) > LEGEND_LONG:
            trace["name"] = wrap(trace["name"], WRAP["legend"])
        if (trace.get("type") == "bar" and trace.get("orientation") == "h" and trace.get("textposition") == "outside"
                and not (trace.get("textfont") or {}).get("color")):
            trace.update(textposition="auto", insidetextanchor="end")  # long bars carry their value inside
    legend = layout.get("legend")
    if cartesian and isinstance(legend, dict) and legend.get("orientation") == "h" and \
            isinstance(legend.get("y"), (int, float)) and legend["y"] < 0:
        legend.update(y=1.02, yanchor="bottom", x=0, xanchor="left")
    return figure


# plotly.js's defaults where a figure does not say
PLOTLY_MARGIN = {"l": 80, "r": 80, "t": 100, "b": 80}
PLOTLY_FONT_SIZE = 12
PLOTLY_HEIGHT = 450
LINE = 1.3  # plotly's line height, in font sizes
MARGIN_PAD = 12  # plotly pads every push by the smallest margin, at most 12 px
LEGEND_ROW = 13  # px of a horizontal legend's row beyond its text line (symbol, gaps)
LEGEND_ITEM = 40  # px of a legend item beyond its text (symbol and gap)
LEGEND_WIDTH = 1100  # px a horizontal legend is assumed to wrap at (a wide desktop card); narrower, its next row
# pushes the margin as before: room reserved for a row that is not drawn would stay empty


def _lines(text) -> list[str]:
    return [re.sub(r"<[^>]*>", "", part) for part in str(text).split("<br>")]


def _size(font, fallback: float) -> float:
    size = (font or {}).get("size") if isinstance(font, dict) else None
    return float(size) if isinstance(size, (int, float)) and size > 0 else fallback


def _tick_labels(figure: dict, name: str, axis: dict, lang: str) -> list[str]:
    """The labels plotly will write on the axis ``name``, as far as the figure tells (estimates for numbers)."""
    if axis.get("visible") is False or axis.get("showticklabels") is False:
        return []
    if isinstance(axis.get("ticktext"), (list, tuple)):
        return [str(v) for v in axis["ticktext"]]
    letter, num = _AXIS.match(name).groups()
    labels = []
    for trace in figure.get("data") or []:
        if (trace.get(f"{letter}axis") or letter) == letter + num:
            vals = trace.get(letter) or []
            if isinstance(vals, (list, tuple)) and vals and all(isinstance(v, str) for v in vals):
                labels += vals
    if labels:
        return labels
    values, bars = _axis_values(figure, name)
    rng = axis.get("range")
    if isinstance(rng, (list, tuple)) and len(rng) == 2 and all(isinstance(r, (int, float)) for r in rng):
        values = [float(rng[0]), float(rng[1])]
    if not values:
        return []
    lo, hi = min(values), max(values)
    if axis.get("tickformat") == "d":
        return [str(int(v)) for v in (lo, hi)]
    if str(axis.get("tickformat") or "").endswith("%"):
        return [f"{v * 100:.0f}%" for v in (lo, hi)]
    if bars:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    affix = str(axis.get("tickprefix") or ""), str(axis.get("ticksuffix") or "")
    return [affix[0] + numbers.short(v, lang) + affix[1] for v in nice_ticks(lo, hi)]


def _title_depth(axis: dict, font_size: float) -> float:
    """The room an axis title takes beside its labels (plotly: a line and a third of its font per line, plus gap)."""
    title = axis.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    if text is None:
        return 0.0
    size = _size(title.get("font") if isinstance(title, dict) else None, round(font_size * 1.2))
    return len(_lines(text)) * size * LINE + 6


def _at_edge(layout: dict, name: str, axis: dict) -> str | None:
    """The side of the figure ('l', 'r', 't', 'b') the axis ``name`` draws its labels at, if at the figure's edge."""
    letter, num = _AXIS.match(name).groups()
    other = "y" if letter == "x" else "x"
    anchor = axis.get("anchor") or (other + num)
    if anchor == "free" or not re.fullmatch(r"[xy]\d*", str(anchor)):
        return None
    domain = (layout.get(f"{other}axis{str(anchor)[1:]}") or {}).get("domain") or [0, 1]
    if letter == "y":
        side = axis.get("side") or "left"
        return "l" if side == "left" and domain[0] <= 0.001 else "r" if side == "right" and domain[1] >= 0.999 else None
    side = axis.get("side") or "bottom"
    return "b" if side == "bottom" and domain[0] <= 0.001 else "t" if side == "top" and domain[1] >= 0.999 else None


def _axis_depth(labels: list[str], axis: dict, letter: str, font_size: float) -> float:
    """How far an axis's labels reach out from the plot, in px."""
    size = _size(axis.get("tickfont"), font_size)
    ticks = (axis.get("ticklen", 5) + 3) if axis.get("ticks") == "outside" else 0
    standoff = axis.get("ticklabelstandoff") or 0
    if not labels:
        return ticks
    width = max(text_width(line, size) for label in labels for line in _lines(label))
    rows = max(len(_lines(label)) for label in labels)
    angle = axis.get("tickangle")
    if letter == "y":
        return width + 1 + ticks + standoff
    if isinstance(angle, (int, float)) and angle % 180:
        rad = math.radians(angle)
        return abs(math.sin(rad)) * width + abs(math.cos(rad)) * size * LINE + ticks + standoff
    return rows * size * LINE + ticks + standoff


def _legend_push(figure: dict, layout: dict, font_size: float, height: float) -> float:
    """The room a horizontal legend above the plot takes from the top margin (0 for any other legend)."""
    legend = layout.get("legend") or {}
    shown = [tr for tr in figure.get("data") or [] if tr.get("showlegend") is not False and tr.get("visible", True)
             is True and tr.get("name")]
    if layout.get("showlegend") is False or (layout.get("showlegend") is None and len(shown) < 2):
        return 0.0
    y = legend.get("y")
    if legend.get("orientation") != "h" or not isinstance(y, (int, float)) or y < 1 or \
            legend.get("yanchor", "auto") not in ("bottom", "auto"):
        return 0.0
    size = _size(legend.get("font"), font_size)
    widths = [max(text_width(line, size) for line in _lines(tr["name"])) + LEGEND_ITEM for tr in shown]
    rows, used = 1, 0.0
    for w in widths:
        if used and used + w > LEGEND_WIDTH:
            rows, used = rows + 1, 0.0
        used += w
    row = max(len(_lines(tr["name"])) for tr in shown) * size * LINE + LEGEND_ROW
    return rows * row + (y - 1) * height


def fit_margins(figure: dict, lang: str = "en") -> dict:
    """Margins that already hold what ``automargin`` would push them to (in place; returns the figure)."""
    layout = figure.get("layout")
    if not isinstance(layout, dict):
        return figure
    axes = [(k, v) for k, v in layout.items() if _AXIS.match(k) and isinstance(v, dict) and v.get("automargin")]
    if not axes:
        return figure
    font_size = _size(layout.get("font"), PLOTLY_FONT_SIZE)
    need = dict.fromkeys("lrtb", 0.0)
    for name, axis in axes:
        side = _at_edge(layout, name, axis)
        if side:
            labels = _tick_labels(figure, name, axis, lang)
            depth = _axis_depth(labels, axis, name[0], font_size)
            need[side] = max(need[side], depth + _title_depth(axis, font_size))
            if name[0] == "y" and labels:  # a label of several lines at the end of the axis reaches past the plot
                extra = (max(len(_lines(label)) for label in labels) - 1) * _size(axis.get("tickfont"), font_size)
                need["t"], need["b"] = max(need["t"], extra * LINE / 2), max(need["b"], extra * LINE / 2)
    margin = dict(layout.get("margin") or {})
    now = {k: margin.get(k) if isinstance(margin.get(k), (int, float)) else PLOTLY_MARGIN[k] for k in "lrtb"}
    height = layout.get("height") if isinstance(layout.get("height"), (int, float)) else PLOTLY_HEIGHT
    need["t"] = max(need["t"], _legend_push(figure, layout, font_size, height - now["t"] - now["b"]))
    for _ in range(2):  # the pad grows with the margins (up to 12 px)
        pad = min(MARGIN_PAD, *now.values())
        now = {k: max(now[k], math.ceil(need[k] + pad)) if need[k] else now[k] for k in "lrtb"}
    changed = {k: now[k] for k in "lrtb" if need[k] and now[k] != margin.get(k, PLOTLY_MARGIN[k])}
    if changed:
        layout["margin"] = {**margin, **changed}
    return figure


def apply(rendered: dict, source_ids, lang: str = "en") -> dict:
    """The rules on one ``views.render`` result (title, source line, figure), in place."""
    for key in ("title", "subtitle", "summary"):
        if isinstance(rendered.get(key), str):
            rendered[key] = plain_title(rendered[key])
    rendered["source_full"] = rendered.get("source", "")
    short = short_source(source_ids, lang)
    if short:
        rendered["source"] = short
    if isinstance(rendered.get("figure"), dict):
        tidy_axes(rendered["figure"], lang)
        fit_text(rendered["figure"])
        for note in (rendered["figure"].get("layout") or {}).get("annotations") or []:  # small multiples' titles
            if isinstance(note, dict) and isinstance(note.get("text"), str):
                note["text"] = wrap(plain_title(note["text"]), WRAP["annotation"])
        fit_margins(rendered["figure"], lang)
    return rendered
