"""IOM Missing Migrants Project: dead and missing migrants, incident level (2014 - May 2026).

Three complementary files (shared/data/raw/iom_missing_migrants/SOURCE.md):
- the global file (Jan 2014 - Apr 2025) is the only complete one: it alone feeds the country-year
  indicator. Identical rows are separate records (TRAPS.md §2), so it is never de-duplicated;
- the Europe-bound routes file (2014 - May 2026) adds the dead/missing split and the region;
- the 2026 file is a partial export; it only adds 2026 incidents the Europe-bound file lacks.
All three go to one incident table for maps, tagged with their file, because the global and
Europe-bound files overlap for 2014 - Apr 2025: never sum across ``source_file``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import codes
from .base import IngestError, Schema, SourceInfo, SourceOutput, country_year_frame, read_csv, validate

GLOBAL_FILE = "mmp_global_incidents_2014_2025apr_gdidata.csv.gz"
EUROPE_FILE = "mmp_europe_bound_routes_incidents_2014_2026may_raw.csv.gz"
Y2026_FILE = "mmp_global_incidents_2026_jan_may_raw.csv.gz"
GLOBAL_ID, EUROPE_ID, Y2026_ID = "global_2014_2025apr", "europe_bound_2014_2026may", "global_2026_partial"
PARTIAL_YEAR = 2025  # the global file stops on 30 April 2025

INCIDENT_TYPES = frozenset({"Incident", "Split Incident", "Cumulative Incident"})
# Country-of-incident names (Europe-bound file) that hdx-python-country cannot match exactly, checked by hand.
NAME_OVERRIDES: dict[str, str | None] = {
    "Libya - presumed departure on 12-14 April": "LBY",
    "Libya - departed from the Western shores of Tobruk on 16-17 April": "LBY",
    "Morocco (en route to Ceuta)": "MAR",
    "Kosovo": "XKX",  # not in the HDX taxonomy
    "012 52E": None,  # a coordinate fragment, not a country: left unknown (the incident keeps its lat/lon)
}

SOURCE = SourceInfo(
    id="iom_mmp",
    publisher="International Organization for Migration (IOM), Missing Migrants Project",
    title="Missing Migrants Project: dead and missing migrants, incident data",
    edition="Global incidents Jan 2014 - Apr 2025 (IOM GDI snapshot of 4 Jun 2025); Europe-bound routes "
            "Jan 2014 - May 2026 and global 2026 export (Jan - Apr 2026), snapshots of May 2026",
    url="https://missingmigrants.iom.int/downloads",
    licence="IOM Missing Migrants Project terms (attribution: cite 'IOM Missing Migrants Project')",
    licence_url="https://missingmigrants.iom.int/downloads",
    folder="iom_missing_migrants",
    files=(GLOBAL_FILE, EUROPE_FILE, Y2026_FILE),
    citation="IOM Missing Migrants Project (2025, 2026). Missing Migrants Project data, "
             "https://missingmigrants.iom.int.",
    processing=(
        "missing_migrants = dead and missing combined (the published combined column), summed by country of "
        "incident and calendar year, from the global file only. Identical rows are separate records and are kept.",
        "2025 is flagged 'partial_year': the global file stops on 30 April 2025.",
        "The 2026 export holds no combined column: dead + missing is derived there (one part missing counts as "
        "not reported, the convention the Europe-bound file follows in every row).",
        "Negative survivors and missing (publisher corrections) are set to missing when shown on their own; the "
        "combined dead-and-missing figure keeps them.",
        "Incident table: Europe-bound and 2026 files combined on Incident ID (merged IDs such as 'A,B' are split "
        "for the match); the Europe-bound version of an incident is kept.",
        "Country names of the Europe-bound file mapped to ISO3 with hdx-python-country and a hand-checked list "
        "(e.g. 'Libya - presumed departure on 12-14 April' is Libya; '012 52E' stays unknown).",
        "Source quality: merged incidents hold concatenated grades (e.g. '45'); the highest grade is kept.",
    ),
    caveats=(
        "Minimum estimates from media, NGOs, coast guards and medical examiners; deaths in deserts and at sea are "
        "undercounted.",
        "Counted by country of incident, not of origin; sea incidents are attributed to a nearby country.",
        "The global and Europe-bound files overlap for 2014 - April 2025 and were taken a year apart (figures are "
        "revised): never add them up.",
        "The 2026 file is a partial, Mediterranean-heavy export: not a global 2026 total.",
        "Route names differ between files (IOM changed its route taxonomy).",
        "Route family 'Mediterranean' = Central + Western + Eastern Mediterranean routes, as IOM reports its "
        "Mediterranean total; an incident recorded on several routes joins no family.",
    ),
    download_urls={},
)

GLOBAL_SCHEMA = Schema(
    "mmp_global_raw",
    {"incident_date": "str", "incident_month": "str", "incident_type": "str", "migration_route": "str",
     "country_of_incident_iso3": "str", "dead_and_missing": "number", "cause_of_death": "str", "survivors": "number",
     "lon": "number", "lat": "number"},
    nullable=frozenset({"survivors", "cause_of_death"}),
    ranges={"dead_and_missing": (0, None), "lon": (-180, 180), "lat": (-90, 90)},
)
EUROPE_SCHEMA = Schema(
    "mmp_europe_raw",
    {"Incident ID": "str", "Incident Type": "str", "Region of Incident": "str", "Incident date": "str",
     "No. dead": "number", "No. missing": "number", "No. dead/missing": "number", "No. survivors": "number",
     "Cause of death (category)": "str", "Route": "str", "Country of Incident": "str", "Source Quality": "int",
     "Latitude": "number", "Longitude": "number"},
    key=("Incident ID",),
    nullable=frozenset({"No. dead", "No. missing", "No. survivors", "Country of Incident", "Route",
                        "Cause of death (category)"}),
    ranges={"No. dead": (0, None), "No. dead/missing": (0, None), "Latitude": (-90, 90), "Longitude": (-180, 180)},
)
Y2026_SCHEMA = Schema(
    "mmp_2026_raw",
    {"Incident ID": "str", "Region": "str", "Incident Date": "str", "Number Dead": "number",
     "Minimum Estimated Number of Missing": "number", "Number of Survivors": "number", "Cause of Death": "str",
     "Coordinates": "str", "Migration route": "str", "Source Quality": "int"},
    key=("Incident ID",),
    nullable=frozenset({"Number Dead", "Minimum Estimated Number of Missing", "Number of Survivors",
                        "Migration route", "Cause of Death"}),
    ranges={"Number Dead": (0, None), "Source Quality": (1, 5)},
)

INDICATORS = [
    {"id": "missing_migrants", "label": "Dead and missing migrants", "unit": "persons", "theme": "flows",
     "source_id": SOURCE.id, "per_capita": False,
     "description": "Migrants recorded dead or missing, by country of incident (IOM Missing Migrants Project)."},
]
# Route families as IOM reports them: "Mediterranean" is the Central, Western and Eastern Mediterranean routes
# (both files' spellings). Every other route is its own family; an incident recorded on several routes keeps
# its joined label and joins no family.
ROUTE_FAMILIES = {
    "Mediterranean": ("Central Mediterranean", "Central Mediterranean Route", "Western Mediterranean",
                      "Western Mediterranean Route", "Eastern Mediterranean", "Eastern Mediterranean Route"),
}
TABLE_COLUMNS = ["source_file", "incident_id", "date", "year", "month", "incident_type", "iso3", "region", "route",
                 "route_family", "dead_missing", "dead", "missing", "survivors", "cause", "source_quality", "lat",
                 "lon", "source_id"]


# ---------------------------------------------------------------- helpers

def _parse_dates(values: pd.Series, fmt: str, path: Path, column: str) -> pd.Series:
    dates = pd.to_datetime(values, format=fmt, errors="coerce")
    bad = dates.isna()
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(path, f"not a date ({fmt}): {values.iloc[pos]!r}", column, pos + 1)
    return dates.dt.normalize().astype("datetime64[s]")


def _check_tokens(values: pd.Series, allowed: frozenset, path: Path, column: str, sep: str = ",") -> None:
    tokens = values.astype(str).str.split(sep).explode().str.strip()
    bad = tokens[~tokens.isin(allowed)]
    if len(bad):
        raise IngestError(path, f"unexpected value {bad.iloc[0]!r}", column, int(bad.index[0]) + 1)


def _non_negative(values: pd.Series) -> pd.Series:
    """Negative survivors/missing are publisher corrections: missing when shown on their own."""
    return values.astype("float64").where(~(values < 0))


def _quality_max(values: pd.Series, path: Path) -> pd.Series:
    """Merged incidents hold concatenated grades (e.g. 145): keep the highest digit, each must be 1-5."""
    digits = values.astype(str)
    bad = ~digits.str.fullmatch(r"[1-5]+")
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(path, f"source quality {values.iloc[pos]!r} is not made of grades 1-5", "Source Quality",
                          pos + 1)
    return digits.map(lambda s: max(int(c) for c in s)).astype("Int64")


@lru_cache(maxsize=None)
def name_to_iso3(name: str) -> tuple[str | None, bool]:
    """(ISO3 or None, matched_fuzzily) for a country name; raises KeyError when nothing matches."""
    if name in NAME_OVERRIDES:
        return NAME_OVERRIDES[name], False
    from hdx.location.country import Country

    Country.countriesdata(use_live=False)
    exact = Country.get_iso3_country_code(name, use_live=False)
    if exact:
        return exact, False
    fuzzy, _ = Country.get_iso3_country_code_fuzzy(name, use_live=False)
    if fuzzy:
        return fuzzy, True
    raise KeyError(name)


def _map_names(names: pd.Series, path: Path, column: str, notes: list[str]) -> pd.Series:
    mapping, fuzzy = {}, []
    for name in names.dropna().unique():
        try:
            mapping[name], was_fuzzy = name_to_iso3(name)
        except KeyError:
            pos = int((names == name).to_numpy().nonzero()[0][0])
            raise IngestError(path, f"country name {name!r} matches no ISO3 code: add it to NAME_OVERRIDES",
                              column, pos + 1) from None
        if was_fuzzy:
            fuzzy.append(f"{name} -> {mapping[name]}")
    if fuzzy:
        notes.append(f"{column}: fuzzy name matches {sorted(fuzzy)}")
    iso3 = codes.normalise(names.map(mapping))
    codes.check_known(iso3, path, column)
    return iso3


# ---------------------------------------------------------------- the three files

def _global_incidents(raw_dir: Path, notes: list[str]) -> pd.DataFrame:
    path = raw_dir / SOURCE.folder / GLOBAL_FILE
    raw = validate(read_csv(path), GLOBAL_SCHEMA, path)
    _check_tokens(raw["incident_type"], INCIDENT_TYPES, path, "incident_type")
    date = _parse_dates(raw["incident_date"], "%Y-%m-%d", path, "incident_date")
    month_off = date.dt.strftime("%Y-%m") != raw["incident_month"]
    if month_off.any():
        pos = int(month_off.to_numpy().nonzero()[0][0])
        raise IngestError(path, "incident_month disagrees with incident_date", "incident_month", pos + 1)
    iso3 = codes.normalise(raw["country_of_incident_iso3"])
    codes.check_known(iso3, path, "country_of_incident_iso3")
    notes.append(f"global file: {len(raw)} rows kept, {int(raw.duplicated().sum())} identical to an earlier row "
                 f"(separate records, not de-duplicated); {int((raw['survivors'] < 0).sum())} negative survivors "
                 "set to missing")
    return pd.DataFrame({
        "source_file": GLOBAL_ID, "incident_id": pd.NA, "date": date, "incident_type": raw["incident_type"],
        "iso3": iso3, "region": pd.NA, "route": raw["migration_route"],
        "dead_missing": raw["dead_and_missing"].astype("float64"), "dead": float("nan"), "missing": float("nan"),
        "survivors": _non_negative(raw["survivors"]), "cause": raw["cause_of_death"], "source_quality": pd.NA,
        "lat": raw["lat"], "lon": raw["lon"],
    })


def _europe_incidents(raw_dir: Path, notes: list[str]) -> pd.DataFrame:
    path = raw_dir / SOURCE.folder / EUROPE_FILE
    raw = validate(read_csv(path), EUROPE_SCHEMA, path)
    _check_tokens(raw["Incident Type"], INCIDENT_TYPES, path, "Incident Type")
    parts = raw[["No. dead", "No. missing"]].sum(axis=1, min_count=1)
    off = parts != raw["No. dead/missing"]
    if off.any():
        notes.append(f"Europe-bound file: {int(off.sum())} rows where dead + missing != dead/missing "
                     "(the combined column is used)")
    notes.append(f"Europe-bound file: {int((raw['No. missing'] < 0).sum())} negative missing and "
                 f"{int((raw['No. survivors'] < 0).sum())} negative survivors set to missing; "
                 f"{int((raw['Source Quality'] > 5).sum())} concatenated source-quality grades reduced to their max")
    return pd.DataFrame({
        "source_file": EUROPE_ID, "incident_id": raw["Incident ID"],
        "date": _parse_dates(raw["Incident date"], "%Y-%m-%d", path, "Incident date"),
        "incident_type": raw["Incident Type"],
        "iso3": _map_names(raw["Country of Incident"], path, "Country of Incident", notes),
        "region": raw["Region of Incident"], "route": raw["Route"],
        "dead_missing": raw["No. dead/missing"].astype("float64"), "dead": raw["No. dead"],
        "missing": _non_negative(raw["No. missing"]), "survivors": _non_negative(raw["No. survivors"]),
        "cause": raw["Cause of death (category)"], "source_quality": _quality_max(raw["Source Quality"], path),
        "lat": raw["Latitude"], "lon": raw["Longitude"],
    })


def _split_coordinates(values: pd.Series, path: Path) -> tuple[pd.Series, pd.Series]:
    parts = values.astype(str).str.split(",", expand=True)
    lat = pd.to_numeric(parts[0].str.strip(), errors="coerce") if parts.shape[1] == 2 else None
    lon = pd.to_numeric(parts[1].str.strip(), errors="coerce") if parts.shape[1] == 2 else None
    bad = pd.Series(True, index=values.index) if lat is None else (
        lat.isna() | lon.isna() | ~lat.between(-90, 90) | ~lon.between(-180, 180))
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(path, f"not a 'lat, lon' pair: {values.iloc[pos]!r}", "Coordinates", pos + 1)
    return lat, lon


def _incidents_2026(raw_dir: Path, known_ids: set[str], notes: list[str]) -> pd.DataFrame:
    path = raw_dir / SOURCE.folder / Y2026_FILE
    raw = validate(read_csv(path), Y2026_SCHEMA, path)
    date = _parse_dates(raw["Incident Date"], "%a, %m/%d/%Y - %H:%M", path, "Incident Date")
    lat, lon = _split_coordinates(raw["Coordinates"], path)
    dead, missing = raw["Number Dead"], raw["Minimum Estimated Number of Missing"]
    frame = pd.DataFrame({
        "source_file": Y2026_ID, "incident_id": raw["Incident ID"], "date": date, "incident_type": pd.NA,
        "iso3": pd.NA, "region": raw["Region"], "route": raw["Migration route"],
        "dead_missing": pd.concat([dead, missing], axis=1).sum(axis=1, min_count=1),
        "dead": dead, "missing": _non_negative(missing), "survivors": _non_negative(raw["Number of Survivors"]),
        "cause": raw["Cause of Death"], "source_quality": raw["Source Quality"].astype("Int64"), "lat": lat, "lon": lon,
    })
    seen = frame["incident_id"].isin(known_ids)
    notes.append(f"2026 file: {int(seen.sum())} of {len(frame)} incidents already in the Europe-bound file dropped; "
                 f"{int((~seen).sum())} added (no country of incident in this export)")
    return frame[~seen]


def _country_year(incidents: pd.DataFrame) -> pd.DataFrame:
    part = incidents[incidents["source_file"] == GLOBAL_ID]
    totals = part.groupby(["iso3", "year"], as_index=False)["dead_missing"].sum()
    totals["flag"] = pd.array([pd.NA] * len(totals), dtype="string")
    totals.loc[totals["year"] == PARTIAL_YEAR, "flag"] = "partial_year"
    return country_year_frame(totals, "missing_migrants", SOURCE.id, value="dead_missing", flag="flag")


def ingest(raw_dir: Path) -> SourceOutput:
    raw_dir, notes = Path(raw_dir), []
    global_inc = _global_incidents(raw_dir, notes)
    europe_inc = _europe_incidents(raw_dir, notes)
    europe_ids = set(europe_inc["incident_id"].str.split(",").explode().str.strip())
    inc_2026 = _incidents_2026(raw_dir, europe_ids, notes)

    incidents = pd.concat([global_inc, europe_inc, inc_2026], ignore_index=True)
    incidents["year"] = incidents["date"].dt.year.astype("int64")
    incidents["month"] = incidents["date"].dt.month.astype("int64")
    incidents["source_id"] = SOURCE.id
    for col in ("source_file", "incident_id", "incident_type", "iso3", "region", "route", "cause"):
        incidents[col] = incidents[col].astype("string")
    for col in ("dead_missing", "dead", "missing", "survivors", "lat", "lon"):
        incidents[col] = incidents[col].astype("float64")
    incidents["source_quality"] = incidents["source_quality"].astype("Int64")
    family = {route: fam for fam, routes in ROUTE_FAMILIES.items() for route in routes}
    incidents["route_family"] = incidents["route"].map(lambda r: family.get(r, r) if isinstance(r, str) else r)
    incidents["route_family"] = incidents["route_family"].astype("string")
    incidents = incidents[TABLE_COLUMNS]
    return SourceOutput(
        country_year=_country_year(incidents),
        tables={"mmp_incidents": incidents},
        indicators=INDICATORS,
        notes=notes,
    )
