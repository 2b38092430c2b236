"""The embed of a chart, without Dash: what ``/embed/<view>`` shows and the controls it offers.

An embed is one chart with its title, subtitle, source line, bundle version and an "Open in the dashboard" link,
loaded from the same server (the app's partial plotly.js bundle) with no cookies and nothing from third parties.
``controls=none|time|all`` decides which of the view's parameters the viewer can change (generic over ``Param``
kinds). The page itself is the template ``dashboard/templates/embed.html``; the HTTP side is ``share/routes.py``.
"""
from __future__ import annotations

import json
import re

from plotly.utils import PlotlyJSONEncoder

from .. import data_i18n, store, views
from ..i18n import by_english, t, t_or, vocab
from ..queries import trafficking as traf_q
from ..settings import REPO
from .urls import dashboard_path

CONTROLS = ("none", "time", "all")
# the partial plotly.js bundle the pages use (assets/vendor/plotly-build/README.md): embeds need no CDN
PLOTLY_JS = REPO / "assets" / "vendor" / "plotly-custom.min.js"
MAX_OPTIONS = 400
EXTRA_PARAMS = ("controls", "bundle", "lang")
BUNDLE_VERSION = re.compile(r"[\w.\-]{1,40}")  # a bundle version as build.py writes it (2026.11.29-9dddbbb4)


def time_param(view_id: str):
    """The parameter a 'time' control steps: 'year', else the first int parameter with a list of choices."""
    params = views.get(view_id).params
    for p in params:
        if p.name == "year" and p.kind == "int":
            return p
    for p in params:
        if p.kind == "int" and p.choices is not None:
            return p
    return None


def _option_labels(p, values: list, lang: str = "en", view_id: str = "") -> list[dict]:
    """The options of an embed's control in the page language, with the words the pages use for them."""
    labels = {}
    if p.name == "indicator":
        labels = {i["id"]: data_i18n.text(i["label"], lang) for i in store.catalog()["indicators"]}
    elif p.name == "measure":
        labels = {m["id"]: data_i18n.text(m["label"], lang) for m in store.catalog()["corridor_measures"]}
    elif p.kind == "iso3" or p.name in ("group", "area", "focus", "who", "nat"):
        labels = {**store.group_labels(lang), **store.country_names(lang)}
    elif p.name == "role":
        labels = {v: t_or(f"{'disp' if view_id.startswith('disp') else 'flows'}.role.{v}", lang, v) for v in values}
    elif p.name == "order":
        labels = {v: t_or(f"explorer.order.{v}", lang, v) for v in values}
    elif p.name == "series" and view_id == "routes-americas":
        labels = {v: t_or(f"routes.americas.{v}", lang, v) for v in values}
    elif p.name == "ctdc_by":
        labels = {v: vocab(english, lang) for v, english in traf_q.CTDC_DIMS.items()}
    elif p.name in ("route", "year") and "all" in values:
        labels = {"all": t("routes.all_routes", lang) if view_id.startswith("routes") and p.name == "route"
                  else t("missing.all_routes", lang) if p.name == "route" else t("missing.all_years", lang)}
    elif p.name == "per":
        labels = {v: t_or(f"explorer.per.{v}", lang, v) for v in values}
    elif p.name == "pop":
        labels = {v: t_or(f"disp.pop.{v}", lang, v) for v in values}
    elif p.name == "extent":
        labels = {v: t_or(f"flows.extent.{v}", lang, v) for v in values}
    elif p.name == "dataset":
        labels = {v: t_or(f"missing.dataset.{v}", lang, v) for v in values}
    # anything else is a publisher's label (a route, a family) or a value such as a year
    return [{"value": v, "label": str(labels[v]) if v in labels else str(vocab(v, lang))} for v in values]


def controls_spec(view_id: str, state: dict, controls: str, lang: str = "en") -> list[dict]:
    """The inputs an embed offers: none, the time parameter, or every parameter (generic over Param kinds)."""
    if controls == "none":
        return []
    params = views.get(view_id).params
    if controls == "time":
        tp = time_param(view_id)
        params = (tp,) if tp else ()
    out = []
    for p in params:
        value = state.get(p.name)
        label = by_english("param.", p.label or p.name.replace("_", " ").capitalize(), lang)
        spec = {"name": p.name, "kind": p.kind, "label": label,
                "value": ",".join(value) if isinstance(value, tuple) else value, "options": None}
        if p.choices is not None and p.kind in ("choice", "int", "iso3"):
            values = list(p.choices(state))
            if p.kind == "int":
                values = sorted(int(v) for v in values)
            if len(values) <= MAX_OPTIONS or p.kind == "int":
                spec["options"] = _option_labels(p, values, lang, view_id)
                if all(o["value"] == "" for o in spec["options"]):
                    continue  # nothing to choose (a measure without estimation methods): no control
        out.append(spec)
    return out


def render_payload(view_id: str, state: dict, notices: list[str], lang: str, controls: str) -> dict:
    r = views.render(view_id, state, lang)
    query = views.query(view_id, state)
    return {
        "figure": r["figure"], "title": r["title"], "subtitle": r["subtitle"], "source": r["source"],
        "summary": r["summary"], "rows": r["rows"], "query": query, "notices": notices,
        "open_url": dashboard_path(view_id, state), "controls": controls_spec(view_id, state, controls, lang),
    }


def csp(nonce: str) -> str:
    return (f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
            f"base-uri 'none'; form-action 'self'; frame-ancestors *")


def json_script(obj) -> str:
    """JSON safe inside <script type=application/json>: '<', '>' and '&' as \\u escapes, so no '</script>' or
    '<!--' in a value can end or comment out the element (still the same JSON to a parser)."""
    text = json.dumps(obj, cls=PlotlyJSONEncoder, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def plotly_config(view_id: str) -> dict:
    cfg = {"displaylogo": False, "responsive": True, "displayModeBar": False}
    if views.get(view_id).geo:
        cfg["topojsonURL"] = "/assets/topojson/"
    return cfg


def base_query(controls: str, lang: str) -> dict:
    base = {}
    if controls != "none":
        base["controls"] = controls
    if lang != "en":
        base["lang"] = lang
    return base
