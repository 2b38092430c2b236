"""The requirements split: serving (requirements.txt) < ingest (requirements-ingest.txt) < tests
(requirements-dev.txt); exact pins; the app serves without the ingest-only packages."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
INGEST_ONLY = ("hdx",)  # hdx-python-country (requests comes with dash anyway)
UNUSED = ("xlrd",)


def _lines(name: str) -> list[str]:
    return [ln.strip() for ln in (REPO / name).read_text().splitlines() if ln.strip() and not ln.startswith("#")]


def test_files_chain_and_pin_exactly():
    assert _lines("requirements-ingest.txt")[0] == "-r requirements.txt"
    assert _lines("requirements-dev.txt")[0] == "-r requirements-ingest.txt"
    pins: dict[str, str] = {}
    for name in ("requirements.txt", "requirements-ingest.txt", "requirements-dev.txt"):
        for ln in _lines(name):
            if ln.startswith("-r "):
                continue
            m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([0-9][0-9A-Za-z.\-]*)", ln)
            assert m, f"{name}: {ln!r} is not an exact pin"
            pkg = m.group(1).lower().replace("_", "-")
            assert pins.setdefault(pkg, m.group(2)) == m.group(2), f"{pkg} pinned twice with different versions"
    serving = {ln.split("==")[0].lower() for ln in _lines("requirements.txt")}
    assert not serving & {"hdx-python-country", "xlrd"} and {"geopandas", "pyogrio"} <= serving


def test_app_serves_without_the_ingest_only_packages():
    """Import app and serve /readyz and a map view's GeoPackage frame with hdx and xlrd made unimportable."""
    blocked = INGEST_ONLY + UNUSED
    code = (
        "import sys\n"
        f"for m in {blocked!r}: sys.modules[m] = None\n"  # None in sys.modules: any import of it fails
        "import app\n"
        "assert app.server.test_client().get('/readyz').status_code == 200\n"
        "from dashboard import views\nfrom dashboard.share import frames as exports, geo as geo_export\n"
        "frame = exports.export_frame('map', views.parse('map', {})[0])\n"
        "assert geo_export.gpkg_bytes(geo_export.map_frame(frame), 'map', {'title': 't'})\n"
        f"assert not [m for m in sys.modules if m.split('.')[0] in {blocked!r} and sys.modules[m] is not None]\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
