"""View state <-> URL query string, for every page and chart.

A page or chart declares its parameters once (``Param``); ``parse`` turns a raw query dict into a
valid state plus human notices for anything that fell back to a default, and ``serialize`` writes
only what differs from the defaults (readable, stable order) with the schema version ``v``.
Old links keep working through ``MIGRATIONS`` (version -> function rewriting the raw query).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable
from urllib.parse import parse_qsl, urlencode

SCHEMA_VERSION = 1
# v -> function(raw query dict) -> raw query dict of version v+1
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}

KINDS = ("str", "int", "bool", "iso3", "iso3list", "choice")


@dataclass(frozen=True)
class Param:
    """One URL parameter.

    ``choices`` (a callable returning the allowed values, evaluated lazily so the bundle loads
    first) applies to 'choice', 'iso3' and 'iso3list'; 'int' may have ``lo``/``hi``; 'iso3list'
    has ``max_items``. ``default`` may be a callable of the partial state (e.g. latest year of the
    chosen indicator).
    """

    name: str
    kind: str
    default: Any = None
    choices: Callable[[dict], Iterable] | None = None
    lo: int | None = None
    hi: int | None = None
    max_items: int = 8
    label: str = ""
    check: Callable[[str], bool] | None = None  # 'str': the value must pass (free text is never trusted)

    def default_for(self, state: dict):
        return self.default(state) if callable(self.default) else self.default


def _coerce(p: Param, raw: str, state: dict):
    """Raw string -> typed value, or raise ValueError."""
    if p.kind == "str":
        if len(raw) > 200 or (p.check is not None and not p.check(raw)):
            raise ValueError
        return raw
    if p.kind == "int":
        v = int(raw)
        lo = p.lo(state) if callable(p.lo) else p.lo
        hi = p.hi(state) if callable(p.hi) else p.hi
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            raise ValueError
        if p.choices is not None and v not in set(p.choices(state)):
            raise ValueError
        return v
    if p.kind == "bool":
        if raw in ("1", "true", "yes"):
            return True
        if raw in ("0", "false", "no"):
            return False
        raise ValueError
    if p.kind == "choice":
        if raw not in set(p.choices(state)):
            raise ValueError
        return raw
    if p.kind == "iso3":
        v = raw.strip().upper()
        if v not in set(p.choices(state)):
            raise ValueError
        return v
    if p.kind == "iso3list":
        allowed = set(p.choices(state))
        out: list[str] = []
        for tok in raw.split(","):
            tok = tok.strip().upper()
            if not tok:
                continue
            if tok not in allowed:
                raise ValueError
            if tok not in out:
                out.append(tok)
        if len(out) > p.max_items:
            raise ValueError
        return tuple(out)
    raise ValueError(f"unknown kind {p.kind}")


def _text(p: Param, v) -> str:
    if p.kind == "bool":
        return "1" if v else "0"
    if p.kind == "iso3list":
        return ",".join(v)
    return str(v)


def migrate(raw: dict) -> dict:
    """Bring a raw query from any older schema version to the current one."""
    try:
        v = int(str(raw.get("v", SCHEMA_VERSION))[:4])
    except (ValueError, TypeError):
        v = SCHEMA_VERSION
    while v < SCHEMA_VERSION and v in MIGRATIONS:
        raw = MIGRATIONS[v](dict(raw))
        v += 1
    return raw


def parse(params: tuple[Param, ...], raw: dict | str | None) -> tuple[dict, list[str]]:
    """Raw query (dict or '?a=b' string) -> (valid state, notices). Unknown parameters are ignored."""
    if raw is None:
        raw = {}
    if isinstance(raw, str):
        raw = dict(parse_qsl(raw.lstrip("?"), keep_blank_values=True))
    # a MultiDict (request.args) gives its first value per key; lists (parse_qs) their last
    raw = {str(k): (v[-1] if isinstance(v, (list, tuple)) and v else v) for k, v in raw.items()}
    raw = migrate(raw)
    state: dict = {}
    notices: list[str] = []
    for p in params:  # in declaration order: later defaults/choices may depend on earlier values
        default = p.default_for(state)
        if p.name not in raw or raw[p.name] in (None, ""):
            state[p.name] = default
            continue
        try:
            state[p.name] = _coerce(p, str(raw[p.name]), state)
        except (ValueError, TypeError):
            state[p.name] = default
            shown = _text(p, default) if default not in (None, ()) else "the default"
            bad = str(raw[p.name])
            bad = bad if len(bad) <= 40 else bad[:40] + "…"
            notices.append(f"{p.label or p.name} {bad!r} is not available; showing {shown} instead.")
    return state, notices


def serialize(params: tuple[Param, ...], state: dict, full: bool = False) -> str:
    """State -> '?a=b&c=d' with defaults omitted ('' when everything is default).

    ``full=True`` writes every parameter, defaults included: a permalink that does not drift when a
    default changes (e.g. the latest year after a data update), for citations and pinned embeds.
    """
    partial: dict = {}
    pairs = []
    for p in params:
        default = p.default_for(partial)
        v = state.get(p.name, default)
        partial[p.name] = v
        if (full or v != default) and v not in (None, (), ""):
            pairs.append((p.name, _text(p, v)))
    if not pairs:
        return ""
    return "?" + urlencode([("v", SCHEMA_VERSION), *pairs], safe=",")
