"""Helpers the pictures (``figures``), the HTML views (``html``) and the report share:
the language check, dates and messages as planners read them, and a plan made ready to
draw."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from oversight._oversight import labels

if TYPE_CHECKING:
    from oversight._oversight import Plan, Problem

LANGS = ("vi", "en")


def words(prefix: str) -> dict[str, dict[str, str]]:
    """The core's catalogue entries whose key starts with ``prefix``, per language, keyed
    without the prefix: the views, figures, report and CLI keep no words of their own.
    Variables read as ``{name}``, for `str.format`."""
    tables = {}
    for lang in LANGS:
        tables[lang] = {
            key.removeprefix(prefix): text
            for key, text in labels(lang).items()
            if key.startswith(prefix)
        }
    return tables


def check_lang(lang: str) -> str:
    """``lang`` itself when it is "vi" or "en"; ValueError otherwise."""
    if lang not in LANGS:
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")
    return lang


def message(violation: Mapping[str, Any], lang: str) -> str:
    """A violation's explanation in ``lang`` (the Vietnamese one when no English)."""
    if check_lang(lang) == "en" and violation.get("message_en"):
        return str(violation["message_en"])
    return str(violation.get("message", ""))


def fmt_date(value: str | _dt.date | None, lang: str) -> str:
    """A date as planners write it: 26/09/2024 in Vietnamese, 2024-09-26 in English."""
    if value is None or value == "":
        return ""
    day = value if isinstance(value, _dt.date) else _dt.date.fromisoformat(str(value))
    return day.strftime(labels(check_lang(lang))["date-format"])


def fmt_range(start: str | _dt.date | None, end: str | _dt.date | None, lang: str) -> str:
    """``start – end``, or one date when both are the same."""
    if start == end or not end:
        return fmt_date(start, lang)
    return f"{fmt_date(start, lang)} – {fmt_date(end, lang)}"


def scored(plan: Plan, problem: Problem | None) -> Plan:
    """``plan`` with its days and violations known: a plan read from a file carries
    only starts, so it is scored against ``problem`` when one is given."""
    groups = plan.to_dict().get("groups", [])
    if problem is not None and any(not g.get("days") for g in groups):
        return problem.score(plan)
    return plan


def violating_leads(violations: Iterable[Mapping[str, Any]], plan: Mapping[str, Any]) -> set[str]:
    """The leads of the groups named in ``violations`` (by lead or by activity)."""
    lead_of = {a: g["lead"] for g in plan.get("groups", []) for a in g.get("activities", [])}
    return {
        lead_of.get(ref, ref)
        for v in violations
        for ref in [*v.get("groups", []), *v.get("activities", [])]
    }


def names(items: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """id → name of a list of entries of a problem (bodies, people, …)."""
    return {str(x["id"]): str(x.get("name", x["id"])) for x in items}


# Control characters other than tab and line feed: HTML forbids them (a parse error in
# a browser), and no view shows them; they are dropped from every text a view writes.
_CONTROLS = {
    c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
}


def printable(text: str) -> str:
    """``text`` without the control characters HTML and the views cannot show (tab,
    line feed and carriage return stay)."""
    return text.translate(_CONTROLS)
