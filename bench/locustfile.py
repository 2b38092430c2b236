"""Simulated readers for `make load` (bench/load.py starts the server, records the callbacks and runs this).

Each reader, between short pauses, either opens a page the way a browser does (the page HTML, Dash's layout and
dependencies, then every callback request the page made when it was loaded in headless Chromium, replayed with the
browser's own bodies), calls the API, or downloads a chart's CSV/XLSX. Slide images are left out (they are drawn
one at a time per worker by design; bench/hardening.py measures them). Every request is on the loopback address.
"""
from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

PAGES: dict[str, list[dict]] = json.loads(open(os.environ["LOAD_PAYLOADS"]).read())  # page -> callback bodies
COUNTRIES = ["ALB", "BIH", "SRB", "MNE", "MKD", "DEU", "FRA", "ITA", "TUR", "UKR", "SYR", "AFG", "MEX", "USA"]
API = ["/api/v1/indicators/migrant_stock.json?countries={c}", "/api/v1/indicators/refugees_hosted.csv?years=2020-2024",
       "/api/v1/aggregates/migrant_stock_pct.json", "/api/v1/corridors.csv?measure=stock&origin={c}&top=20",
       "/api/v1/catalog"]
DOWNLOADS = ["/download/series.csv?indicator=net_migration&countries={c}", "/download/map.csv?indicator=refugees_hosted",
             "/download/map.xlsx?indicator=migrant_stock&year=2020", "/download/disp-types.csv",
             "/download/corridors-top.csv?focus={c}"]
HEADERS = {"Accept-Encoding": "br, gzip", "Accept-Language": "en"}


class Reader(HttpUser):
    wait_time = between(0.5, 2.5)  # reading, choosing the next thing to look at

    def on_start(self):
        # a GET on a kept-alive connection the server has just closed (gunicorn's keep-alive is 2 s, shorter than a
        # reader's pause) is sent again on a new one, as browsers do; never a POST
        retry = Retry(total=1, connect=1, read=1, status=0, allowed_methods=["GET"], raise_on_status=False)
        self.client.mount("http://", HTTPAdapter(max_retries=retry))

    @task(5)
    def page(self):
        path = random.choice(list(PAGES))
        self.client.get(path, headers=HEADERS, name=f"page {path}")
        self.client.get("/_dash-layout", headers=HEADERS)
        self.client.get("/_dash-dependencies", headers=HEADERS)
        for body in PAGES[path]:
            with self.client.post("/_dash-update-component", json=body, headers=HEADERS,
                                  name=f"callback {path}", catch_response=True) as r:
                if r.status_code not in (200, 204):  # 204: Dash's PreventUpdate, a normal answer
                    r.failure(f"status {r.status_code}")
                else:
                    r.success()

    @task(3)
    def api(self):
        url = random.choice(API).format(c=random.choice(COUNTRIES))
        self.client.get(url, headers=HEADERS, name=url.split("?")[0])

    @task(2)
    def download(self):
        url = random.choice(DOWNLOADS).format(c=random.choice(COUNTRIES))
        self.client.get(url, headers=HEADERS, name=url.split("?")[0])
