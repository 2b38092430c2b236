"""Embeds and 'Cite this view': small Dash-free pages rendered by Flask from the chart registry.

``/embed/<view>?<page query>&controls=none|time|all&bundle=<version>`` is one chart with its title,
subtitle, source line, bundle version and an "Open in the dashboard" link. It may be framed by any
site (``frame-ancestors *``; the factory leaves X-Frame-Options off /embed/*), loads plotly.js from
the same server (the app's partial bundle, as the pages) and never sets cookies or fetches from third parties.
``/embed/<view>.json`` re-renders the figure for the viewer's controls. ``/cite/<view>`` gives the
citations (APA, BibTeX), the iframe snippet and the download links.
"""
from __future__ import annotations

import json
import re
import secrets
from datetime import datetime, timezone
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, render_template_string, request, send_file
from plotly.utils import PlotlyJSONEncoder

from . import store, views
from .citation import citation_text, view_citation
from .exports import full_query, permalink_for
from .i18n import LANGUAGES, t
from .settings import REPO
from .store import QueryError
from .urls import public_base

embeds = Blueprint("embeds", __name__)

CONTROLS = ("none", "time", "all")
# the partial plotly.js bundle the pages use (assets/vendor/plotly-build/README.md): embeds need no CDN
PLOTLY_JS = REPO / "assets" / "vendor" / "plotly-custom.min.js"
MAX_OPTIONS = 400
EXTRA_PARAMS = ("controls", "bundle", "lang")
BUNDLE_VERSION = re.compile(r"[\w.\-]{1,40}")  # a bundle version as build.py writes it (2026.11.29-9dddbbb4)


@embeds.errorhandler(QueryError)
def _bad_query(exc: QueryError):
    return jsonify(exc.as_dict()), 400


def _lang() -> str:
    lang = request.args.get("lang") or "en"
    return lang if lang in LANGUAGES else "en"


def _controls() -> str:
    c = request.args.get("controls") or "none"
    if c not in CONTROLS:
        raise QueryError("controls", f"Unknown controls {c!r}: use none, time or all.", list(CONTROLS))
    return c


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


def _option_labels(p, values: list) -> list[dict]:
    labels = {}
    if p.name == "indicator":
        labels = {i["id"]: i["label"] for i in store.catalog()["indicators"]}
    elif p.name == "measure":
        labels = {m["id"]: m["label"] for m in store.catalog()["corridor_measures"]}
    elif p.kind == "iso3":
        labels = store.country_names()
    return [{"value": v, "label": str(labels.get(v, v))} for v in values]


def controls_spec(view_id: str, state: dict, controls: str) -> list[dict]:
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
        spec = {"name": p.name, "kind": p.kind, "label": p.label or p.name.replace("_", " ").capitalize(),
                "value": ",".join(value) if isinstance(value, tuple) else value, "options": None}
        if p.choices is not None and p.kind in ("choice", "int", "iso3"):
            values = list(p.choices(state))
            if p.kind == "int":
                values = sorted(int(v) for v in values)
            if len(values) <= MAX_OPTIONS or p.kind == "int":
                spec["options"] = _option_labels(p, values)
        out.append(spec)
    return out


# pages whose path carries a view parameter (layouts' ROUTE '/country/(?P<iso3>...)', '/corridor/(?P<pair>...)')
PATH_PARAMS = {"/country": "iso3", "/corridor": "pair"}


def dashboard_path(view_id: str, state: dict, full: bool = False) -> str:
    """Path and query of the dashboard page that shows this view in this state: '/?v=1&indicator=...',
    '/country/BIH' (the country is in the path, not the query), '/corridor/BIH-DEU?v=1&measure=...'.
    ``full=True`` writes every parameter (a permalink that does not drift)."""
    from .state import serialize

    view = views.get(view_id)
    page, params = view.page or "/", views.get(view_id).params
    name = PATH_PARAMS.get(page.rstrip("/"))
    if name and state.get(name):
        page = f"{page.rstrip('/')}/{state[name]}"
        params = tuple(p for p in params if p.name != name)
    return page + serialize(params, state, full=full)


def _render_payload(view_id: str, state: dict, notices: list[str], lang: str, controls: str) -> dict:
    r = views.render(view_id, state, lang)
    query = views.query(view_id, state)
    return {
        "figure": r["figure"], "title": r["title"], "subtitle": r["subtitle"], "source": r["source"],
        "summary": r["summary"], "rows": r["rows"], "query": query, "notices": notices,
        "open_url": dashboard_path(view_id, state), "controls": controls_spec(view_id, state, controls),
    }


def _csp(nonce: str) -> str:
    return (f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
            f"base-uri 'none'; form-action 'self'; frame-ancestors *")


def _json_script(obj) -> str:
    """JSON safe inside <script type=application/json>: '<', '>' and '&' as \\u escapes, so no '</script>' or
    '<!--' in a value can end or comment out the element (still the same JSON to a parser)."""
    text = json.dumps(obj, cls=PlotlyJSONEncoder, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


EMBED_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>{{ p.title }}</title>
<style>
  html, body { margin: 0; height: 100%; background: #fff; color: #1a1a1a;
    font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  .embed { display: flex; flex-direction: column; height: 100%; box-sizing: border-box; padding: 8px 12px; }
  .embed h1 { font-size: 1.05rem; margin: 0 0 2px; line-height: 1.3; }
  .embed .subtitle { font-size: .85rem; margin: 0 0 4px; color: #404040; }
  .embed .notice { font-size: .85rem; margin: 0 0 4px; padding: 4px 8px; background: #fff4ce; color: #3d2e00;
    border-left: 4px solid #8a6d00; }
  .embed .chart { flex: 1 1 auto; min-height: 240px; }
  .embed footer { font-size: .75rem; color: #404040; margin-top: 4px; line-height: 1.4; }
  .embed footer a { color: #0b57a4; }
  .embed form { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; font-size: .85rem;
    margin: 2px 0 4px; }
  .embed form label { display: flex; gap: 6px; align-items: center; }
  .embed form select, .embed form input[type=text] { max-width: 14rem; font: inherit; }
  .embed form input[type=range] { width: min(22rem, 55vw); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
</style>
</head>
<body>
<main class="embed" data-view="{{ view_id }}" data-controls="{{ controls }}">
  <h1 id="embed-title">{{ p.title }}</h1>
  <p id="embed-subtitle" class="subtitle">{{ p.subtitle }}</p>
  {% if updated %}<p class="notice" role="status" id="embed-updated">{{ updated }}</p>{% endif %}
  <div role="status" id="embed-notices">{% for n in p.notices %}<p class="notice">{{ n }}</p>{% endfor %}</div>
  {% if p.controls %}
  <form id="embed-controls" aria-label="Chart controls">
    {% for c in p.controls %}
      {% if c.kind == 'int' and c.options %}
      <label>{{ c.label }}
        <input type="range" name="{{ c.name }}" min="0" max="{{ c.options|length - 1 }}" step="1"
          value="{{ c.index }}" data-values="{{ c.options|map(attribute='value')|join(',') }}"
          aria-valuetext="{{ c.value }}">
        <output id="out-{{ c.name }}">{{ c.value }}</output></label>
      {% elif c.options %}
      <label>{{ c.label }}
        <select name="{{ c.name }}">{% for o in c.options %}
          <option value="{{ o.value }}"{% if o.value == c.value %} selected{% endif %}>{{ o.label }}</option>{% endfor %}
        </select></label>
      {% elif c.kind == 'bool' %}
      <label><input type="checkbox" name="{{ c.name }}"{% if c.value %} checked{% endif %}> {{ c.label }}</label>
      {% else %}
      <label>{{ c.label }} <input type="text" name="{{ c.name }}" value="{{ c.value if c.value is not none else '' }}"></label>
      {% endif %}
    {% endfor %}
  </form>
  {% endif %}
  <div id="chart" class="chart" role="img" aria-label="{{ p.summary }}"></div>
  <p id="embed-summary" class="visually-hidden" aria-live="polite">{{ p.summary }}</p>
  <footer>
    <span id="embed-source">{{ p.source }}</span><br>
    <span id="embed-bundle">{{ bundle_label }}</span> ·
    <a id="embed-open" href="{{ p.open_url }}" target="_blank" rel="noopener">{{ open_label }}</a>
  </footer>
</main>
<script type="application/json" id="embed-figure">{{ figure_json|safe }}</script>
<script type="application/json" id="embed-config">{{ config_json|safe }}</script>
<script src="/embed/_static/plotly.min.js"></script>
<script nonce="{{ nonce }}">
(function () {
  var cfg = JSON.parse(document.getElementById('embed-config').textContent);
  var fig = JSON.parse(document.getElementById('embed-figure').textContent);
  var el = document.getElementById('chart');
  var layout = Object.assign({}, fig.layout || {}, {autosize: true});
  delete layout.width; delete layout.height;
  Plotly.newPlot(el, fig.data || [], layout, cfg.plotly);
  window.addEventListener('resize', function () { Plotly.Plots.resize(el); });
  var form = document.getElementById('embed-controls');
  if (!form) { return; }
  var seq = 0;
  function valueOf(input) {
    if (input.type === 'checkbox') { return input.checked ? '1' : '0'; }
    if (input.type === 'range') { return input.dataset.values.split(',')[+input.value]; }
    return input.value;
  }
  function setText(id, text) { var n = document.getElementById(id); if (n) { n.textContent = text; } }
  function sync(controls) {
    controls.forEach(function (c) {
      var input = form.querySelector('[name="' + c.name + '"]');
      if (!input) { return; }
      if (input.type === 'range' && c.options) {
        var vals = c.options.map(function (o) { return String(o.value); });
        input.dataset.values = vals.join(',');
        input.max = vals.length - 1;
        input.value = Math.max(0, vals.indexOf(String(c.value)));
        input.setAttribute('aria-valuetext', c.value);
        setText('out-' + c.name, c.value);
      } else if (input.tagName === 'SELECT' && c.options) {
        input.innerHTML = '';
        c.options.forEach(function (o) {
          var opt = document.createElement('option');
          opt.value = o.value; opt.textContent = o.label; opt.selected = String(o.value) === String(c.value);
          input.appendChild(opt);
        });
      } else if (input.type === 'checkbox') { input.checked = !!c.value; }
      else { input.value = c.value == null ? '' : c.value; }
    });
  }
  function update() {
    var params = new URLSearchParams(cfg.base);
    form.querySelectorAll('[name]').forEach(function (input) { params.set(input.name, valueOf(input)); });
    var mine = ++seq;
    fetch('/embed/' + cfg.view + '.json?' + params.toString(), {credentials: 'omit'})
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (mine !== seq || !p.figure) { return; }
        var lay = Object.assign({}, p.figure.layout || {}, {autosize: true});
        delete lay.width; delete lay.height;
        Plotly.react(el, p.figure.data || [], lay, cfg.plotly);
        setText('embed-title', p.title); setText('embed-subtitle', p.subtitle);
        setText('embed-source', p.source); setText('embed-summary', p.summary);
        el.setAttribute('aria-label', p.summary);
        document.title = p.title;
        document.getElementById('embed-open').href = p.open_url;
        var box = document.getElementById('embed-notices'); box.innerHTML = '';
        (p.notices || []).forEach(function (n) {
          var q = document.createElement('p'); q.className = 'notice'; q.textContent = n; box.appendChild(q);
        });
        sync(p.controls || []);
        el.dataset.query = p.query;
        var keep = new URLSearchParams(p.query);
        Object.keys(cfg.extra).forEach(function (k) { keep.set(k, cfg.extra[k]); });
        cfg.base = keep.toString();
      });
  }
  form.addEventListener('input', function (e) {
    if (e.target.type === 'range') {
      var v = valueOf(e.target); setText('out-' + e.target.name, v); e.target.setAttribute('aria-valuetext', v);
    }
  });
  form.addEventListener('change', update);
  form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
})();
</script>
</body>
</html>
"""


def _plotly_config(view_id: str) -> dict:
    cfg = {"displaylogo": False, "responsive": True, "displayModeBar": False}
    if views.get(view_id).geo:
        cfg["topojsonURL"] = "/assets/topojson/"
    return cfg


def _base_query(controls: str, lang: str) -> dict:
    base = {}
    if controls != "none":
        base["controls"] = controls
    if lang != "en":
        base["lang"] = lang
    return base


@embeds.route("/embed/_static/plotly.min.js")
def plotly_js():
    """The app's partial plotly.js bundle (the same file the pages load): embeds need no CDN."""
    return send_file(PLOTLY_JS, mimetype="application/javascript", max_age=86400)


@embeds.route("/embed/<path:view_spec>")
def embed(view_spec: str):
    as_json = view_spec.endswith(".json")
    view_id = view_spec[:-5] if as_json else view_spec
    views.get(view_id)
    lang, controls = _lang(), _controls()
    state, notices = views.parse(view_id, request.args)
    payload = _render_payload(view_id, state, notices, lang, controls)
    if as_json:
        body = json.dumps(payload, cls=PlotlyJSONEncoder, ensure_ascii=False)
        return Response(body, mimetype="application/json",
                        headers={"X-Bundle-Version": store.bundle().version, "Cache-Control": "no-store"})
    for c in payload["controls"]:
        vals = [str(o["value"]) for o in (c["options"] or [])]
        c["index"] = vals.index(str(c["value"])) if str(c["value"]) in vals else 0
    version = store.bundle().version
    pinned = request.args.get("bundle")
    if pinned and not BUNDLE_VERSION.fullmatch(pinned):
        pinned = None  # not a bundle version: ignored, never echoed
    updated = None
    if pinned and pinned != version:
        updated = t("embed.updated", lang, pinned=pinned[:40], version=version)
    nonce = secrets.token_urlsafe(16)
    figure = payload.pop("figure")
    extra = {**_base_query(controls, lang), **({"bundle": pinned[:40]} if pinned else {})}
    # the state the controls start from: every parameter written out, plus controls/lang/bundle
    base = full_query(view_id, state).lstrip("?")
    base = "&".join(x for x in (base, urlencode(extra)) if x)
    config = {"view": view_id, "plotly": _plotly_config(view_id), "base": base, "extra": extra}
    html = render_template_string(
        EMBED_TEMPLATE, p=payload, view_id=view_id, controls=controls, lang=lang, updated=updated, nonce=nonce,
        bundle_label=t("footer.bundle", lang, version=version), open_label=t("embed.open", lang),
        figure_json=_json_script(figure), config_json=_json_script(config))
    return Response(html, mimetype="text/html", headers={"Content-Security-Policy": _csp(nonce)})


# ------------------------------------------------------------------ cite this view

CITE_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cite: {{ c.view.title }}</title>
<style>
 body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a;
   max-width: 52rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.45; }
 pre, textarea { white-space: pre-wrap; word-break: break-word; background: #f4f4f4; padding: .6rem;
   font-size: .85rem; width: 100%; box-sizing: border-box; }
 .nc { background: #fff4ce; border-left: 4px solid #8a6d00; padding: .3rem .6rem; }
 a { color: #0b57a4; }
</style></head><body>
<main>
<h1>Cite this view</h1>
<p><strong>{{ c.view.title }}</strong> — data bundle {{ c.bundle_version }}, accessed {{ c.accessed }}.</p>
<p>Permalink: <a href="{{ c.permalink }}">{{ c.permalink }}</a></p>
{% if c.non_commercial %}<p class="nc">Some of these data are licensed for non-commercial use only.</p>{% endif %}
<h2>APA</h2><pre id="cite-apa">{{ c.view.apa }}</pre>
<h2>BibTeX</h2><pre id="cite-bibtex">{{ c.view.bibtex }}</pre>
<h2>Sources</h2>
{% for s in c.sources %}
<h3>{{ s.publisher }}: {{ s.title }}</h3>
<p>Edition: {{ s.edition }}. Licence: {% if s.licence_url %}<a href="{{ s.licence_url }}">{{ s.licence }}</a>{% else %}{{ s.licence }}{% endif %}{% if s.non_commercial %} <strong>(non-commercial use only)</strong>{% endif %}.</p>
<pre>{{ s.apa }}</pre>
{% if s.publisher_citation %}<p>Publisher's suggested citation: {{ s.publisher_citation }}</p>{% endif %}
<pre>{{ s.bibtex }}</pre>
{% if s.processing %}<details><summary>Processing applied by the dashboard</summary><ul>{% for x in s.processing %}<li>{{ x }}</li>{% endfor %}</ul></details>{% endif %}
{% if s.caveats %}<details><summary>Caveats</summary><ul>{% for x in s.caveats %}<li>{{ x }}</li>{% endfor %}</ul></details>{% endif %}
{% endfor %}
<h2>Embed</h2>
<p>Paste this into a web page or slide tool that accepts HTML (the chart stays pinned to data bundle {{ c.bundle_version }} and says so if the data change):</p>
<textarea id="cite-iframe" rows="4" readonly>{{ iframe }}</textarea>
<p><a href="{{ embed_url }}">Open the embed</a>{% if image_url %} · <a href="{{ image_url }}">Static image (PNG)</a>{% endif %}</p>
<h2>Download</h2>
<p>{% for fmt in ['csv', 'xlsx', 'zip'] %}<a href="/download/{{ c.view.id }}.{{ fmt }}{{ query }}">{{ fmt|upper }}</a> {% endfor %}</p>
</main></body></html>
"""


def embed_url(view_id: str, state: dict, absolute: bool = True) -> str:
    q = full_query(view_id, state)
    q += ("&" if q else "?") + urlencode({"bundle": store.bundle().version})
    prefix = public_base() if absolute else ""
    return f"{prefix}/embed/{view_id}{q}"


def iframe_snippet(view_id: str, state: dict, title: str, absolute: bool = True) -> str:
    """The HTML to paste: a responsive box (full width, fixed 16:9 aspect) holding the pinned embed."""
    src = embed_url(view_id, state, absolute=absolute)
    title = title.replace('"', "&quot;")
    return (f'<div style="position:relative;width:100%;aspect-ratio:16/9;">'
            f'<iframe src="{src}" title="{title}" loading="lazy" '
            f'style="position:absolute;inset:0;width:100%;height:100%;border:0;"></iframe></div>')


@embeds.route("/cite/<view_id>")
def cite(view_id: str):
    views.get(view_id)
    state, _ = views.parse(view_id, request.args)
    fmt = request.args.get("format") or "html"
    if fmt not in ("html", "json", "text", "bibtex"):
        raise QueryError("format", f"Unknown format {fmt!r}.", ["html", "json", "text", "bibtex"])
    c = view_citation(view_id, state, permalink_for(view_id, state), datetime.now(timezone.utc).date(), _lang())
    if fmt == "json":
        return jsonify(c)
    if fmt == "text":
        return Response(citation_text(c), mimetype="text/plain; charset=utf-8")
    if fmt == "bibtex":
        body = "\n\n".join([c["view"]["bibtex"], *[s["bibtex"] for s in c["sources"]]]) + "\n"
        return Response(body, mimetype="application/x-bibtex; charset=utf-8")
    from .images import image_available

    query = views.query(view_id, state)
    image_url = f"/image/{view_id}.png{query}" if image_available() else None
    html = render_template_string(CITE_TEMPLATE, c=c, iframe=iframe_snippet(view_id, state, c["view"]["title"]),
                                  embed_url=embed_url(view_id, state, absolute=False), image_url=image_url,
                                  query=query)
    return Response(html, mimetype="text/html")
