"""What every indicator counts and how it may be combined: declared once here, written into the bundle.

Each indicator of ``country_year`` gets these catalogue fields (``build.py`` refuses an indicator without them):

- ``counts``: what one unit is: ``stock`` (people present at a date), ``flow`` (people moving during a period),
  ``count`` (people counted during the year, e.g. detected victims), ``events`` (movements, offences,
  detections: not people), ``money`` or ``share`` (a ratio of two declared quantities).
- ``aggregation``: how a group or World value is made: ``sum`` over members, ``ratio`` (the sums of
  ``numerator`` and ``denominator`` over the members that have both, times ``scale``) or ``none`` (no group value).
- ``numerator`` / ``denominator``: parts as ``indicator[:sex]`` joined by ``+`` (see ``dashboard.rules.parts``);
  ``population`` as a denominator follows the numerator's country definition (``COUNTRY_DEFINITIONS``).
- ``per``: the population-relative views that mean something (``capita1000``, ``percent``): never "% of
  population" for movements, events or money.
- ``complete``: the publisher's table lists every country with something to report, so a country without a row
  had none recorded and the sum over every row (pseudo origins such as unknown or stateless included) *is* the
  publisher's world total. Otherwise an aggregate needs ``rules.COVERAGE_MIN`` of the group's population.
- ``period_years``: 1 for a year or a date; 5 for the 5-year flows, whose ``year`` is the period's first year.
- ``coverage_weight``: what an aggregate's coverage is measured in: ``population`` (the members with data hold
  which share of the group's population), or an indicator (the shares of detected victims are pooled over the
  countries that report both parts; their coverage is the share of the group's detected victims they hold).
"""
from __future__ import annotations

from ..rules import COVERAGE_MIN

SEMANTIC_KEYS = ("counts", "aggregation", "numerator", "denominator", "scale", "per", "complete", "period_years",
                 "coverage_weight")
COUNTS = ("stock", "flow", "count", "events", "money", "share")
AGGREGATIONS = ("sum", "ratio", "none")
PER = ("capita1000", "percent")

BOTH = "capita1000,percent"
PER_1000 = "capita1000"


def _sum(counts: str, per: str = "", complete: bool = False, period_years: int = 1) -> dict:
    return {"counts": counts, "aggregation": "sum", "numerator": "", "denominator": "", "scale": 1.0, "per": per,
            "complete": complete, "period_years": period_years, "coverage_weight": "population"}


def _ratio(numerator: str, denominator: str, scale: float = 100.0, weight: str = "population") -> dict:
    return {"counts": "share", "aggregation": "ratio", "numerator": numerator, "denominator": denominator,
            "scale": scale, "per": "", "complete": False, "period_years": 1, "coverage_weight": weight}


def _none(counts: str) -> dict:
    return {"counts": counts, "aggregation": "none", "numerator": "", "denominator": "", "scale": 1.0, "per": "",
            "complete": False, "period_years": 1, "coverage_weight": "population"}


# UN DESA, UNHCR (and the IDMC figures UNHCR republishes) and Abel & Cohen (built on UN DESA stocks) count
# Kosovo (UNSCR 1244) within Serbia; the World Bank draws them apart. A population denominator for these sources
# is redrawn on their definition (SRB = World Bank SRB + XKX), so a share never divides one Serbia by another.
_SRB_WITH_KOSOVO = {"SRB": ["SRB", "XKX"]}
COUNTRY_DEFINITIONS: dict[str, dict[str, list[str]]] = {
    "undesa_ims2024": _SRB_WITH_KOSOVO, "undesa_ims2020": _SRB_WITH_KOSOVO, "unhcr": _SRB_WITH_KOSOVO,
    "idmc_via_unhcr": _SRB_WITH_KOSOVO, "abel_cohen": _SRB_WITH_KOSOVO,
}

SEMANTICS: dict[str, dict] = {
    # UN DESA: every destination is listed, unknown origins kept in destination totals: the sum is the UN total
    "migrant_stock": _sum("stock", BOTH, complete=True),
    "emigrant_stock": _sum("stock", BOTH, complete=True),
    "migrant_stock_pct": _ratio("migrant_stock", "population"),
    "migrant_stock_female_pct": _ratio("migrant_stock:female", "migrant_stock"),
    "migrant_stock_ims2020": _sum("stock", BOTH, complete=True),
    "migrant_stock_pct_ims2020": _ratio("migrant_stock_ims2020", "population"),
    "refugees_in_migrant_stock_ims2020": _sum("stock", BOTH),
    "net_migration": _sum("flow", PER_1000, complete=True),
    "population": _sum("stock", complete=True),
    "remittances_received_usd": _sum("money", PER_1000),
    "remittances_paid_usd": _sum("money", PER_1000),
    # GDP is not in the bundle, so no group share can be formed from declared parts
    "remittances_received_pct_gdp": _none("share"),
    # UNHCR lists every country of asylum/origin with people of concern (zero cells are not published)
    "refugees_hosted": _sum("stock", BOTH, complete=True),
    "refugees_originating": _sum("stock", BOTH, complete=True),
    "asylum_seekers_hosted": _sum("stock", BOTH, complete=True),
    "asylum_seekers_originating": _sum("stock", BOTH, complete=True),
    "idps_unhcr": _sum("stock", BOTH, complete=True),
    "stateless": _sum("stock", BOTH, complete=True),
    "others_of_concern": _sum("stock", BOTH, complete=True),
    "oip_hosted": _sum("stock", BOTH, complete=True),
    "returned_refugees": _sum("flow", PER_1000, complete=True),
    "returned_idps": _sum("flow", PER_1000, complete=True),
    "resettlement_arrivals": _sum("flow", PER_1000, complete=True),
    "naturalisation": _sum("flow", PER_1000, complete=True),
    # IDMC: new displacements are movements (one person can be displaced several times), not people
    "new_displacements_conflict": _sum("events", PER_1000, complete=True),
    "new_displacements_disaster": _sum("events", PER_1000, complete=True),
    "idps_conflict": _sum("stock", BOTH, complete=True),
    "idps_disaster": _sum("stock", BOTH, complete=True),
    "idps_conflict_via_unhcr": _sum("stock", BOTH, complete=True),
    # UNODC: coverage changes every year, so a group value needs the coverage rule
    "trafficking_victims_detected": _sum("count", PER_1000),
    "trafficking_persons_prosecuted": _sum("count", PER_1000),
    "trafficking_persons_convicted": _sum("count", PER_1000),
    "trafficking_persons_suspected": _sum("count", PER_1000),
    "trafficking_offences": _sum("events", PER_1000),
    "trafficking_victims_girls": _sum("count", PER_1000),
    "trafficking_victims_boys": _sum("count", PER_1000),
    "trafficking_victims_women": _sum("count", PER_1000),
    "trafficking_victims_men": _sum("count", PER_1000),
    "trafficking_victims_female_share": _ratio("trafficking_victims_detected:female",
                                               "trafficking_victims_detected:female+trafficking_victims_detected:male",
                                               weight="trafficking_victims_detected"),
    "trafficking_victims_child_share": _ratio("trafficking_victims_children",
                                              "trafficking_victims_children+trafficking_victims_adults",
                                              weight="trafficking_victims_detected"),
    "trafficking_victims_children": _sum("count", PER_1000),
    "trafficking_victims_adults": _sum("count", PER_1000),
    "missing_migrants": _sum("count", complete=True),
    "asylum_applicants_eu": _sum("flow", PER_1000),
    "irregular_crossings_frontex_by_nationality": _sum("events", complete=True),
    "emigration_flow_5y": _sum("flow", PER_1000, complete=True, period_years=5),
    "immigration_flow_5y": _sum("flow", PER_1000, complete=True, period_years=5),
}


def declare(entry: dict) -> dict:
    """The catalogue entry with its declared semantics (``per_capita`` kept for older readers)."""
    sem = SEMANTICS.get(entry["id"])
    if sem is None:
        raise KeyError(f"indicator {entry['id']!r} has no declared semantics in dashboard/ingest/semantics.py")
    out = {**entry, **sem}
    out["per_capita"] = bool(sem["per"])
    return out


def check(entries: list[dict]) -> list[str]:
    """Problems with the declared semantics of the catalogue (an empty list when all is well)."""
    ids = {e["id"] for e in entries}
    problems = []
    for e in entries:
        if e["counts"] not in COUNTS or e["aggregation"] not in AGGREGATIONS:
            problems.append(f"{e['id']}: unknown counts/aggregation {e['counts']!r}/{e['aggregation']!r}")
        if any(p and p not in PER for p in e["per"].split(",")):
            problems.append(f"{e['id']}: unknown per option in {e['per']!r}")
        if "percent" in e["per"] and e["counts"] != "stock":
            problems.append(f"{e['id']}: '% of population' is only meaningful for people present at a date")
        if e["coverage_weight"] not in ids | {"population"}:
            problems.append(f"{e['id']}: coverage weight {e['coverage_weight']!r} is not an indicator of the bundle")
        if e["aggregation"] == "ratio":
            for side in ("numerator", "denominator"):
                for token in filter(None, e[side].split("+")):
                    ind = token.partition(":")[0]
                    if ind not in ids:
                        problems.append(f"{e['id']}: {side} part {ind!r} is not an indicator of the bundle")
    return problems


def manifest_rules() -> dict:
    """The aggregation rules, as recorded in manifest.json and data/README.md."""
    return {"coverage_min": COVERAGE_MIN, "coverage_weight": "population",
            "country_definitions": COUNTRY_DEFINITIONS}
