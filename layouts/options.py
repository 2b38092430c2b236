"""One option builder for every country, group and place picker (explorer, compare, flows, displacement,
trafficking, routes, the country search).

Names come from the bundle in the page language (``store.country_names(lang)``, ``store.group_labels(lang)``),
never from code; countries are sorted by name (accents ignored at first, so 'Češka' sorts among the C's and
'Émirats' among the E's), and every option can be found by its code as well as its name (Dash's ``search`` field), so typing 'BIH'
finds Bosnia and Herzegovina. Groups come in one order everywhere: named groups (WB6, EU27, ...), then the world,
then UN M49 regions, subregions and intermediate regions.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from dashboard import store

GROUP_ORDER = {"named": 0, "world": 1, "m49_region": 2, "m49_subregion": 3, "m49_intregion": 4}


def sort_key(label: str) -> tuple[str, str]:
    """Accents stripped and case folded first, then the label itself (a stable order in every language)."""
    text = str(label)
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return plain.casefold(), text


def countries(codes: Iterable[str], lang: str = "en", code_in_label: bool = False) -> list[dict]:
    """Countries (and any other code the bundle names) sorted by name; a code without a name shows as itself."""
    names = store.country_names(lang)
    out = []
    for code in dict.fromkeys(codes):
        name = names.get(code) or code
        label = f"{name} ({code})" if code_in_label and name != code else name
        out.append({"label": label, "value": code, "search": f"{name} {code}"})
    return sorted(out, key=lambda o: sort_key(o["label"]))


def groups(ids: Iterable[str] | None = None, lang: str = "en", code_in_label: bool = False,
           world: bool = True) -> list[dict]:
    """Groups in the one order (named, world, M49 regions...), restricted to ``ids`` when given."""
    table = store.bundle().table("groups")
    labels = store.group_labels(lang)
    wanted = None if ids is None else set(ids)
    recs = [(r.group_id, r.kind, labels.get(r.group_id, str(r.label))) for r in table.itertuples()
            if (wanted is None or r.group_id in wanted) and (world or r.kind != "world")]
    recs.sort(key=lambda r: (GROUP_ORDER.get(r[1], 9), sort_key(r[2])))
    return [{"label": f"{label} [{gid}]" if code_in_label else label, "value": gid, "search": f"{label} {gid}"}
            for gid, _, label in recs]


def places(codes: Iterable[str], lang: str = "en", world: tuple[str, str] | None = None,
           code_in_label: bool = False) -> list[dict]:
    """A picker of countries and groups: ``world`` (value, label) first if given, then the groups among ``codes``,
    then the countries among them."""
    codes = list(codes)
    group_ids = set(store.group_ids())
    out = [{"label": world[1], "value": world[0], "search": world[1]}] if world else []
    skip = {world[0]} if world else set()
    out += [o for o in groups([c for c in codes if c in group_ids], lang, code_in_label) if o["value"] not in skip]
    out += countries([c for c in codes if c not in group_ids and c not in skip], lang, code_in_label)
    return out
