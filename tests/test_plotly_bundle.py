"""The partial plotly.js bundle (assets/vendor/plotly-custom.min.js, built by `make plotly-js`): it is the version the
installed Python plotly targets, it was built from the committed recipe, every trace type the app draws is in it,
and the pages and embeds load it instead of the full bundle."""
from __future__ import annotations

import re

import plotly.basedatatypes
import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs_version

from dashboard import views
from dashboard.settings import REPO

VENDOR = REPO / "assets" / "vendor"
BUNDLE = VENDOR / "plotly-custom.min.js"
BANNER = re.compile(r"/\*! plotly\.js v(\S+) \(MIT licence[^)]*\), partial bundle: ([a-z ]+) \*/")
TRACE_TYPES = frozenset(name.lower() for name in dir(go) if isinstance(getattr(go, name), type)
                        and issubclass(getattr(go, name), plotly.basedatatypes.BaseTraceType))


def banner() -> tuple[str, set[str]]:
    m = BANNER.match(BUNDLE.read_text(encoding="utf-8")[:400])
    assert m, "assets/vendor/plotly-custom.min.js has no build banner: rebuild it with `make plotly-js`"
    return m.group(1), set(m.group(2).split())


def test_bundle_is_the_plotly_js_version_python_plotly_targets():
    version, _ = banner()
    assert version == get_plotlyjs_version(), (
        f"bundle is plotly.js {version}, Python plotly targets {get_plotlyjs_version()}: set it in "
        "assets/vendor/plotly-build/package.json and run `make plotly-js`")
    assert f'"plotly.js": "{version}"' in (VENDOR / "plotly-build" / "package.json").read_text()


def test_bundle_was_built_from_the_committed_entry():
    _, traces = banner()
    entry = (VENDOR / "plotly-build" / "entry.js").read_text()
    registered = set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", entry)) - {"core"}
    assert traces == registered | {"scatter"}  # scatter comes with the core
    assert traces <= TRACE_TYPES
    assert 1_000_000 < BUNDLE.stat().st_size < 2_500_000  # a partial bundle, not the 4.8 MB one


def _types_in_source() -> set[str]:
    """Trace types named anywhere in the app's Python code: go.Bar(...), type="bar", "type": "bar"."""
    found = set()
    for path in (REPO / "dashboard").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= {m.lower() for m in re.findall(r"\bgo\.([A-Z][A-Za-z0-9]*)\(", text)}
        found |= set(re.findall(r"""["']?type["']?\s*[=:]\s*["']([a-z0-9]+)["']""", text))
    return found & TRACE_TYPES


def test_every_trace_type_in_the_code_is_in_the_bundle():
    _, traces = banner()
    used = _types_in_source()
    assert {"choropleth", "scattergeo", "bar", "scatter", "sankey", "heatmap"} <= used  # the scan finds them
    assert used <= traces, f"not in the partial plotly.js bundle: {sorted(used - traces)} (add to entry.js)"


@pytest.mark.parametrize("view_id", sorted(views.load_all()))
def test_every_view_draws_only_bundled_trace_types(view_id):
    _, traces = banner()
    state, _ = views.parse(view_id, {})
    fig = views.render(view_id, state)["figure"]
    used = {tr.get("type", "scatter") for tr in fig.get("data", [])}
    assert used <= traces, f"{view_id}: {sorted(used - traces)} not in the partial plotly.js bundle"


def test_pages_load_the_partial_bundle_and_not_the_recipe(client):
    html = client.get("/").get_data(as_text=True)
    assert "/assets/vendor/plotly-custom.min.js" in html
    assert "plotly-build" not in html  # the build recipe (build.js, entry.js) is not a page script
    assert "package_data/plotly.min.js" not in html
    served = client.get("/assets/vendor/plotly-custom.min.js")
    assert served.status_code == 200 and served.data[:40] == BUNDLE.read_bytes()[:40]


def test_embeds_serve_the_same_bundle(client):
    resp = client.get("/embed/_static/plotly.min.js")
    assert resp.status_code == 200
    assert resp.data == BUNDLE.read_bytes()
    assert resp.mimetype == "application/javascript"
