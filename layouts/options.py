"""One option builder for every country, group and place picker (explorer, compare, flows, displacement,
trafficking, routes, the country search).

Names come from the bundle (``store.country_names``, the groups table), never from code; countries are sorted by
name, and every option can be found by its code as well as its name (Dash's ``search`` field), so typing 'BIH'
finds Bosnia and Herzegovina. Groups come in one order everywhere: named groups (WB6, EU27, ...), then the world,
then UN M49 regions, subregions and intermediate regions.
"""
from __future__ import annotations

from collections.abc import Iterable

from dashboard import store

GROUP_ORDER = {"named": 0, "world": 1, "m49_region": 2, "m49_subregion": 3, "m49_intregion": 4}


def countries(codes: Iterable[str], lang: str = "en", code_in_label: bool = False) -> list[dict]:
    """Countries (and any other code the bundle names) sorted by name; a code without a name shows as itself."""
    names = store.country_names()
    out = []
    for code in dict.fromkeys(codes):
        name = names.get(code) or code
        label = f"{name} ({code})" if code_in_label and name != code else name
        out.append({"label": label, "value": code, "search": f"{name} {code}"})
    return sorted(out, key=lambda o: o["label"].casefold())


def groups(ids: Iterable[str] | None = None, lang: str = "en", code_in_label: bool = False,
           world: bool = True) -> list[dict]:
    """Groups in the one order (named, world, M49 regions...), restricted to ``ids`` when given."""
    table = store.bundle().table("groups")
    wanted = None if ids is None else set(ids)
    recs = [r for r in table.itertuples() if (wanted is None or r.group_id in wanted)
            and (world or r.kind != "world")]
    recs.sort(key=lambda r: (GROUP_ORDER.get(r.kind, 9), str(r.label).casefold()))
    return [{"label": f"{r.label} [{r.group_id}]" if code_in_label else str(r.label), "value": r.group_id,
             "search": f"{r.label} {r.group_id}"} for r in recs]


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
