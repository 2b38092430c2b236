"""The HTTP side of sharing: downloads, embeds, 'Cite this view' and slide images, as three Flask blueprints.

Every route parses the page's query with ``views.parse`` (unknown views and bad values are a 400 with a JSON
message), then hands over to the pure modules of this package: ``frames`` (rows), ``writers`` (bytes),
``citation``, ``embed`` and ``images``. URLs come from ``urls``. The embed and cite pages are the Jinja templates
in ``dashboard/templates/``.

- ``/download/<view>.csv|xlsx|zip?<query>``: exactly what the chart shows (capped by API_ROW_CAP); maps also
  ``.gpkg`` and ``.geojson`` (the rows joined to country shapes or points, EPSG:4326; share/geo.py);
- ``/download/full/<view>.csv?<query>``: the whole indicator/measure/table behind it, streamed, not capped;
- ``/embed/<view>?<query>&controls=none|time|all&bundle=<version>&lang=``, ``/embed/<view>.json``;
- ``/cite/<view>?<query>&format=html|json|text|bibtex``;
- ``/image/<view>.png|svg?preset=16x9|4x3|og&<query>``: cached per (bundle, view, state, preset, format, language),
  drawn through the bounded ``ImageQueue`` (503 + Retry-After when full);
- ``/deck.pptx|pdf?views=...&lang=``: a deck (share/deck.py) as PowerPoint or a PDF handout, its slide images
  from the same cache and queue (rate limited with the images).
"""
from __future__ import annotations

import json
import re
import secrets
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, render_template, request, send_file, \
    stream_with_context
from plotly.utils import PlotlyJSONEncoder

from .. import language, store, views
from ..i18n import t
from ..store import QueryError
from . import deck as deck_mod, embed as embed_mod
from . import frames, geo, images as images_mod, writers
from .citation import citation_cff, citation_text, page_texts, view_citation
from .urls import embed_url, full_query, iframe_snippet, image_url, permalink_for

TEMPLATES = str(Path(__file__).resolve().parent.parent / "templates")
downloads = Blueprint("downloads", __name__)
embeds = Blueprint("embeds", __name__, template_folder=TEMPLATES)
images = Blueprint("images", __name__)

DOWNLOAD_FORMATS = ("csv", "xlsx", "zip", "gpkg", "geojson")
GEO_FORMATS = {"gpkg": "application/geopackage+sqlite3", "geojson": "application/geo+json"}  # map views only


def _bad_query(exc: QueryError):
    return jsonify(exc.as_dict()), 400


for _bp in (downloads, embeds, images):
    _bp.register_error_handler(QueryError, _bad_query)


def request_lang() -> str:
    """The language asked for in the query (embeds, images and citations default to English: the page that
    embeds or links them says which language it wants)."""
    return language.from_query(request.args)


def parse_request(view_id: str) -> tuple[dict, list[str]]:
    """Parse the page query for a view; unknown views are a 400 (QueryError)."""
    views.get(view_id)
    return views.parse(view_id, request.args)


# ------------------------------------------------------------------ downloads

def _filename(view_id: str, state: dict) -> str:
    q = views.query(view_id, state).lstrip("?")
    q = re.sub(r"(^|&)v=\d+", "", q)
    slug = re.sub(r"[^A-Za-z0-9]+", "_", q).strip("_")[:80]
    return f"{view_id}_{slug}" if slug else view_id


def _cap(n: int, fmt: str) -> None:
    cap = current_app.config.get("API_ROW_CAP", 500_000)
    if fmt == "xlsx":
        cap = min(cap, writers.XLSX_ROW_CAP)
    if n > cap:
        raise QueryError("rows", f"This selection has {n:,} rows, more than the {cap:,} allowed per {fmt.upper()} "
                                 f"download. Narrow the selection, use CSV, or take the full dataset (not capped, "
                                 f"streamed) from the chart's full-download link (/download/full/<chart>.csv), "
                                 f"/data or the API (/api/v1/catalog).", [])


def _licence_header(headers: dict, sids) -> None:
    nc = [s for s in sids if store.source_meta(s).get("non_commercial")]
    if nc:
        headers["X-Licence-Notice"] = frames.NON_COMMERCIAL_NOTE.format(sources=", ".join(nc))


@downloads.route("/download/<view_id>.<fmt>")
def download(view_id: str, fmt: str):
    if fmt not in DOWNLOAD_FORMATS:
        raise QueryError("format", f"Unknown download format {fmt!r}: use .csv, .xlsx, .zip, .gpkg or .geojson.",
                         list(DOWNLOAD_FORMATS))
    if fmt in GEO_FORMATS and not views.get(view_id).geo:
        raise QueryError("format", f"Chart {view_id!r} is not a map: GeoPackage and GeoJSON are offered for maps "
                                   f"only. Use .csv, .xlsx or .zip.", ["csv", "xlsx", "zip"])
    state, notices = parse_request(view_id)
    df = frames.export_frame(view_id, state)
    _cap(len(df), fmt)
    name = _filename(view_id, state)
    headers = {"X-Bundle-Version": store.bundle().version, "X-Row-Count": str(len(df)),
               "Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    if notices:
        headers["X-Notice"] = " ".join(notices).encode("ascii", "replace").decode()[:500]
    _licence_header(headers, views.source_ids(view_id, state, df))
    if fmt == "csv":
        return Response(stream_with_context(writers.csv_chunks(df)), content_type="text/csv; charset=utf-8",
                        headers=headers)
    meta = frames.metadata(view_id, state, df, permalink_for(view_id, state))
    if fmt == "xlsx":
        return Response(writers.xlsx_bytes(df, meta), headers=headers,
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if fmt in GEO_FORMATS:
        meta["citation"] = citation_text(view_citation(view_id, state, meta["permalink"], lang=request_lang()))
        gdf = geo.map_frame(df)
        body = geo.gpkg_bytes(gdf, view_id, meta) if fmt == "gpkg" else geo.geojson_bytes(gdf, meta)
        return Response(body, mimetype=GEO_FORMATS[fmt], headers=headers)
    lang = request_lang()  # the README in the language of the page the zip was asked from; data and metadata: English
    shown = views.render(view_id, state, lang)
    readme = writers.readme_text({**meta, **{k: shown[k] for k in ("title", "subtitle", "summary")}}, lang)
    return Response(writers.zip_bytes(df, meta, citation_cff(view_id, state, meta), readme), mimetype="application/zip",
                    headers=headers)


@downloads.route("/download/full/<view_id>.<fmt>")
def download_full(view_id: str, fmt: str):
    """The whole indicator/measure/table behind a chart, all countries and years, as CSV.

    The escape hatch from ``API_ROW_CAP``: never capped, always streamed in chunks (flat memory)."""
    if fmt != "csv":
        raise QueryError("format", f"Full downloads are CSV only, not {fmt!r}.", ["csv"])
    state, _ = parse_request(view_id)
    spec = frames.full_spec(view_id, state)
    n = frames.full_count(spec)
    headers = {"X-Bundle-Version": store.bundle().version, "X-Row-Count": str(n),
               "Content-Disposition": f'attachment; filename="{frames.full_filename(spec)}.csv"'}
    _licence_header(headers, frames.full_source_ids(spec))
    return Response(stream_with_context(frames.full_csv_chunks(spec)), content_type="text/csv; charset=utf-8",
                    headers=headers)


@downloads.route("/download/full/<view_id>")
def download_full_no_format(view_id: str):
    raise QueryError("format", "Add the format to the full-download URL: .csv", ["csv"])


@downloads.route("/download/<view_id>")
def download_no_format(view_id: str):
    raise QueryError("format", "Add a format to the download URL: .csv, .xlsx, .zip (or .gpkg, .geojson for maps).",
                     list(DOWNLOAD_FORMATS))


# ------------------------------------------------------------------ embeds and citations

def _controls() -> str:
    c = request.args.get("controls") or "none"
    if c not in embed_mod.CONTROLS:
        raise QueryError("controls", f"Unknown controls {c!r}: use none, time or all.", list(embed_mod.CONTROLS))
    return c


@embeds.route("/embed/_static/plotly.min.js")
def plotly_js():
    """The app's partial plotly.js bundle (the same file the pages load): embeds need no CDN."""
    return send_file(embed_mod.PLOTLY_JS, mimetype="application/javascript", max_age=86400)


@embeds.route("/embed/<path:view_spec>")
def embed(view_spec: str):
    as_json = view_spec.endswith(".json")
    view_id = view_spec[:-5] if as_json else view_spec
    views.get(view_id)
    lang, controls = request_lang(), _controls()
    state, notices = views.parse(view_id, request.args)
    payload = embed_mod.render_payload(view_id, state, notices, lang, controls)
    version = store.bundle().version
    if as_json:
        body = json.dumps(payload, cls=PlotlyJSONEncoder, ensure_ascii=False)
        return Response(body, mimetype="application/json",
                        headers={"X-Bundle-Version": version, "Cache-Control": "no-store"})
    for c in payload["controls"]:
        vals = [str(o["value"]) for o in (c["options"] or [])]
        c["index"] = vals.index(str(c["value"])) if str(c["value"]) in vals else 0
    pinned = request.args.get("bundle")
    if pinned and not embed_mod.BUNDLE_VERSION.fullmatch(pinned):
        pinned = None  # not a bundle version: ignored, never echoed
    updated = None
    if pinned and pinned != version:
        updated = t("embed.updated", lang, pinned=pinned[:40], version=version)
    nonce = secrets.token_urlsafe(16)
    figure = payload.pop("figure")
    extra = {**embed_mod.base_query(controls, lang), **({"bundle": pinned[:40]} if pinned else {})}
    # the state the controls start from: every parameter written out, plus controls/lang/bundle
    base = full_query(view_id, state).lstrip("?")
    base = "&".join(x for x in (base, urlencode(extra)) if x)
    config = {"view": view_id, "plotly": embed_mod.plotly_config(view_id), "base": base, "extra": extra}
    html = render_template(
        "embed.html", p=payload, view_id=view_id, controls=controls, lang=lang, updated=updated, nonce=nonce,
        bundle_label=t("footer.bundle", lang, version=version), open_label=t("embed.open", lang),
        controls_label=t("embed.controls", lang),
        play={"play": t("embed.play", lang), "pause": t("embed.pause", lang), "label": t("embed.play_label", lang)},
        figure_json=embed_mod.json_script(figure), config_json=embed_mod.json_script(config))
    return Response(html, mimetype="text/html", headers={"Content-Security-Policy": embed_mod.csp(nonce)})


@embeds.route("/cite/<view_id>")
def cite(view_id: str):
    views.get(view_id)
    state, _ = views.parse(view_id, request.args)
    fmt = request.args.get("format") or "html"
    if fmt not in ("html", "json", "text", "bibtex"):
        raise QueryError("format", f"Unknown format {fmt!r}.", ["html", "json", "text", "bibtex"])
    lang = request_lang()
    c = view_citation(view_id, state, permalink_for(view_id, state), datetime.now(timezone.utc).date(), lang)
    if fmt == "json":
        return jsonify(c)
    if fmt == "text":
        return Response(citation_text(c), mimetype="text/plain; charset=utf-8")
    if fmt == "bibtex":
        body = "\n\n".join([c["view"]["bibtex"], *[s["bibtex"] for s in c["sources"]]]) + "\n"
        return Response(body, mimetype="application/x-bibtex; charset=utf-8")
    query = views.query(view_id, state)
    html = render_template("cite.html", c=c, tx=page_texts(c), iframe=iframe_snippet(view_id, state, c["view"]["title"], lang=lang),
                           embed_url=embed_url(view_id, state, absolute=False, lang=lang),
                           image_url=image_url(view_id, state, lang=lang) if images_mod.image_available() else None,
                           query=query)
    return Response(html, mimetype="text/html")


# ------------------------------------------------------------------ slide images

_DEFAULT_QUEUE = images_mod.ImageQueue()


@images.errorhandler(images_mod.QueueFull)
def _busy(exc: images_mod.QueueFull):
    resp = jsonify({"error": "busy", "status": 503, "message": "Slide images are being drawn for other requests: "
                                                               f"try again in {images_mod.RETRY_AFTER} seconds."})
    resp.status_code = 503
    resp.headers["Retry-After"] = str(images_mod.RETRY_AFTER)
    resp.headers["Cache-Control"] = "no-store"
    return resp


@images.errorhandler(images_mod.ImageUnavailable)
def _unavailable(exc: images_mod.ImageUnavailable):
    return jsonify({"error": "image_unavailable", "message": str(exc)}), 503


@images.route("/image/<view_spec>")
def image(view_spec: str):
    view_id, dot, fmt = view_spec.rpartition(".")
    formats = images_mod.FORMATS
    if not dot:
        raise QueryError("format", "Add a format to the image URL: .png or .svg.", list(formats))
    if fmt not in formats:
        raise QueryError("format", f"Unknown image format {fmt!r}: use .png or .svg.", list(formats))
    preset = request.args.get("preset") or images_mod.DEFAULT_PRESET
    if preset not in images_mod.PRESETS:
        raise QueryError("preset", f"Unknown image preset {preset!r}: use 16x9, 4x3 or og (1200x630, link "
                                   f"previews).", list(images_mod.PRESETS))
    lang = request_lang()
    state, _notices = parse_request(view_id)
    if not images_mod.image_available():
        raise images_mod.ImageUnavailable("Image export needs the kaleido package, which is not installed here.")
    queue = current_app.extensions.get("image_queue") or _DEFAULT_QUEUE
    body, _ = images_mod.cached_images(view_id, state, fmt, preset, permalink_for(view_id, state), lang, queue)
    name = f"{view_id}_{preset}.{fmt}"
    return Response(body, mimetype=formats[fmt], headers={
        "X-Bundle-Version": store.bundle().version, "Cache-Control": "public, max-age=3600",
        "Content-Disposition": f'inline; filename="{name}"'})



# ------------------------------------------------------------------ decks (share/deck.py)

DECK_FORMATS = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "pdf": "application/pdf"}


def deck_slides(items: list, lang: str, queue) -> list:
    """Every view of a deck as a ``deck.Slide``: texts in ``lang``, images from the slide pipeline (cached)."""
    out = []
    for dv in items:
        rendered = views.render(dv.view_id, dv.state, lang)
        permalink = permalink_for(dv.view_id, dv.state)
        slide, chart = images_mod.cached_images(dv.view_id, dv.state, "png", "16x9", permalink, lang, queue,
                                                chart=True)
        notes = citation_text(view_citation(dv.view_id, dv.state, permalink, lang=lang))
        out.append(deck_mod.Slide(title=rendered["title"], source=rendered["source"], permalink=permalink,
                                  notes=notes, chart_png=chart, slide_png=slide,
                                  disclaimer=t("map.disclaimer", lang) if views.get(dv.view_id).geo else ""))
    return out


@images.route("/deck.<fmt>")
def deck_download(fmt: str):
    """``/deck.pptx|pdf?views=...&lang=``: the deck as PowerPoint or as a PDF handout."""
    if fmt not in DECK_FORMATS:
        raise QueryError("format", f"Unknown deck format {fmt!r}: use .pptx or .pdf.", list(DECK_FORMATS))
    lang = request_lang()
    items = deck_mod.parse_views(request.args.get("views"))
    if not images_mod.image_available():
        raise images_mod.ImageUnavailable("Deck downloads need the kaleido package, which is not installed here.")
    queue = current_app.extensions.get("image_queue") or _DEFAULT_QUEUE
    slides = deck_slides(items, lang, queue)
    title = t("deck.file_title", lang)
    body = (deck_mod.pptx_bytes(slides, title, t("deck.permalink", lang)) if fmt == "pptx"
            else deck_mod.pdf_bytes(slides, title))
    return Response(body, mimetype=DECK_FORMATS[fmt], headers={
        "X-Bundle-Version": store.bundle().version, "Cache-Control": "no-store",
        "Content-Disposition": f'attachment; filename="deck_{len(slides)}_views.{fmt}"'})
