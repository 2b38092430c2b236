"""Pure rules shared by the ingest (which applies and records them) and the data layer (which reads them back
from the bundle): how a ratio's parts are written, and how a denominator follows its numerator's country
definition. No I/O, no project imports: both sides of the bundle can use it without a cycle.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

# An aggregate (group or World value) is shown only when the members with data hold at least this share of the
# group's population, following the World Bank's rule for WDI aggregates (computed "if data for at least two
# thirds of the full group" are available); otherwise the point is missing with a note.
COVERAGE_MIN = 2 / 3

# Flags of a published cell that is not a number to compute with: '<5' (suppressed) or a lower bound (a sum that
# includes suppressed cells). Partitions, shares and pooled parts leave such cells out.
INEXACT_FLAGS = ("suppressed_lt5", "includes_suppressed")


# Values that are not a full-period published count: the publisher's (or our declared) estimate, projection or
# back-cast, and partial periods (the queries write 'partial year (Jan-Apr 2025)' and the like). Charts draw them
# apart (hollow markers, dashed segments) and say so in their legend.
ESTIMATE_FLAGS = ("imputed", "projection", "backcast", "partial_year")


def estimate_or_partial(flag) -> bool:
    """Whether a value with ``flag`` is drawn as an estimate or a partial period (``ESTIMATE_FLAGS``)."""
    return isinstance(flag, str) and (flag in ESTIMATE_FLAGS or flag.startswith("partial"))


def parts(spec: str) -> tuple[tuple[str, str], ...]:
    """'migrant_stock:female+migrant_stock' -> (('migrant_stock', 'female'), ('migrant_stock', 'total'))."""
    out = []
    for token in str(spec or "").split("+"):
        token = token.strip()
        if not token:
            continue
        ind, _, sex = token.partition(":")
        out.append((ind, sex or "total"))
    return tuple(out)


def redefine(frame: pd.DataFrame, definitions: Mapping[str, list | tuple], value: str = "value") -> pd.DataFrame:
    """Rows (iso3, year, value) redrawn on another publisher's country definition.

    ``definitions`` maps a code to the codes it covers in that definition, e.g. {'SRB': ['SRB', 'XKX']} for
    UN DESA and UNHCR, whose Serbia includes Kosovo. The code's value becomes the sum over those codes for the
    years where all of them have a value (else the code is missing that year, never a partial sum); the covered
    codes other than itself are dropped.
    """
    if not definitions:
        return frame
    out = frame
    for code, covers in definitions.items():
        covers = list(covers)
        part = frame[frame["iso3"].isin(covers)]
        full = part.groupby("year")["iso3"].nunique()
        full_years = set(full[full == len(covers)].index)
        summed = (part[part["year"].isin(full_years)].groupby("year", as_index=False)[value].sum()
                  .assign(iso3=code))
        out = out[~out["iso3"].isin(covers)]
        out = pd.concat([out, summed[[c for c in frame.columns if c in summed.columns]]], ignore_index=True)
    return out
