"""Data frames of problems, plans, analyses and violations, for notebooks.

The rows come from the Rust core (``Plan.rows``, ``Problem.to_dict``,
``Analysis.to_dict``); this module only shapes them into pandas or polars frames, with
dates as dates. pandas and polars are optional (``pip install 'oversight[notebook]'``)
and imported only when a frame is asked for.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = [
    "ANALYSIS_TABLES",
    "activities_frame",
    "analysis_frame",
    "pandas_frame",
    "polars_frame",
    "violations_frame",
]

_DATE_COLUMNS = (
    "start",
    "end",
    "window_start",
    "window_end",
    "preferred_start",
    "preferred_end",
    "fixed_start",
    "past_start",
    "past_end",
)

#: The tables `analysis_frame` knows, each a list in ``Analysis.to_dict()``.
ANALYSIS_TABLES = (
    "groups",
    "duplicates",
    "overlaps",
    "repeats",
    "people",
    "subjects",
    "areas",
    "cannot_fit",
)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("data frames need pandas: pip install 'oversight[notebook]'") from err
    return pandas


def _polars() -> Any:
    try:
        import polars
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("to_polars needs polars: pip install polars") from err
    return polars


def _as_date(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10:
        return _dt.date.fromisoformat(value)
    return value


def _with_dates(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Copies of ``rows`` with ISO date strings in the date columns turned into dates."""
    return [
        {key: _as_date(value) if key in _DATE_COLUMNS else value for key, value in row.items()}
        for row in rows
    ]


def pandas_frame(rows: Sequence[Mapping[str, Any]]) -> pandas.DataFrame:
    """A pandas frame of ``rows`` (dicts with the same keys); date columns hold
    ``datetime64`` values so they sort, filter and plot as dates."""
    pd = _pandas()
    frame: pandas.DataFrame = pd.DataFrame(_with_dates(rows))
    for column in _DATE_COLUMNS:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column])
    return frame


def polars_frame(rows: Sequence[Mapping[str, Any]]) -> polars.DataFrame:
    """A polars frame of ``rows``; date columns hold ``pl.Date`` values."""
    pl = _polars()
    frame: polars.DataFrame = pl.DataFrame(_with_dates(rows))
    return frame


def violations_frame(violations: Sequence[Mapping[str, Any]], lang: str = "vi") -> pandas.DataFrame:
    """A row per hard violation: rule, groups, activities, count and its message in
    ``lang``."""
    key = "message_en" if lang == "en" else "message"
    rows = [
        {
            "rule": v["rule"],
            "groups": list(v.get("groups", [])),
            "activities": list(v.get("activities", [])),
            "count": v.get("count", 1),
            "message": v.get(key) or v.get("message", ""),
        }
        for v in violations
    ]
    pd = _pandas()
    frame: pandas.DataFrame = pd.DataFrame(
        rows, columns=["rule", "groups", "activities", "count", "message"]
    )
    return frame


def activities_frame(problem: Mapping[str, Any]) -> pandas.DataFrame:
    """A row per activity of a problem document (``Problem.to_dict()``), windows split
    into start and end columns and the body's name beside its id."""
    bodies = {b["id"]: b["name"] for b in problem.get("bodies", [])}
    rows = []
    for activity in problem.get("activities", []):
        row = {k: v for k, v in activity.items() if k not in ("window", "preferred")}
        row["body_name"] = bodies.get(activity["body"], activity["body"])
        for kind in ("window", "preferred"):
            span = activity.get(kind) or {}
            row[f"{kind}_start"] = span.get("start")
            row[f"{kind}_end"] = span.get("end")
        rows.append(row)
    return pandas_frame(rows)


def _flatten_topics(row: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(row)
    if "topics" in out and all(isinstance(t, list) for t in out["topics"]):
        out["topics"] = [" ~ ".join(pair) for pair in out["topics"]]
    return out


def analysis_frame(analysis: Mapping[str, Any], table: str) -> pandas.DataFrame:
    """One table of an analysis (``Analysis.to_dict()``) as a frame: ``table`` is one
    of `ANALYSIS_TABLES`, or ``"orders"`` for the precedence orders."""
    if table == "orders":
        rows = analysis.get("precedence", {}).get("orders", [])
    elif table in ANALYSIS_TABLES:
        rows = analysis.get(table, [])
    else:
        known = ", ".join((*ANALYSIS_TABLES, "orders"))
        raise ValueError(f"unknown analysis table {table!r}; use one of {known}")
    return pandas_frame([_flatten_topics(r) for r in rows])
