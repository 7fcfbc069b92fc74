"""Type stubs of the compiled core, checked by ``python -m mypy.stubtest``."""

import datetime
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Final, TypeAlias, final

import pandas
import plotly.graph_objects as go
import polars

_Date: TypeAlias = datetime.date | str
_Range: TypeAlias = Mapping[str, _Date]

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_TIME_LIMIT",
    "Analysis",
    "CalendarError",
    "InternalError",
    "Plan",
    "Problem",
    "UnknownActivityError",
    "ValidationError",
    "__version__",
    "generate",
    "labels",
    "lunar_new_year",
    "lunar_to_solar",
    "makeup_workdays",
    "max_threads",
    "public_holidays",
    "solar_to_lunar",
    "tet_break",
    "working_days",
    "year_name",
]

__version__: Final[str]
FIRST_YEAR: Final[int]
"""The first year the lunar calendar (and every holiday and Tết date) covers."""
LAST_YEAR: Final[int]
"""The last year the lunar calendar covers."""
MAX_TIME_LIMIT: Final[float]
"""The longest ``time_limit=`` the search methods accept, in seconds (one week)."""

class ValidationError(ValueError):
    """A problem or plan breaks the format."""

    errors: list[tuple[str, str]]
    document: str

class CalendarError(ValueError): ...
class UnknownActivityError(KeyError): ...

class InternalError(RuntimeError):
    """A bug in oversight stopped the call; the inputs were not at fault."""

@final
class Problem:
    def __new__(
        cls,
        *,
        name: str,
        horizon: tuple[_Date, _Date] | _Range,
        calendar: Mapping[str, Any] | None = None,
        rules: Mapping[str, Any] | None = None,
    ) -> Problem: ...
    def add_body(
        self, *, id: str, name: str, kind: str = ..., rank: int = ..., max_parallel: int = ...
    ) -> None: ...
    def add_person(
        self,
        *,
        id: str,
        name: str,
        bodies: Sequence[str] = ...,
        unavailable: Sequence[_Range] = ...,
    ) -> None: ...
    def add_topic(self, *, id: str, name: str, parents: Sequence[str] = ...) -> None: ...
    def add_area(self, *, id: str, name: str) -> None: ...
    def add_subject(self, *, id: str, name: str, area: str | None = ...) -> None: ...
    def add_event(
        self, *, id: str, name: str, start: _Date, end: _Date, blocks: Sequence[str] = ...
    ) -> None: ...
    def add_activity(
        self,
        *,
        id: str,
        body: str,
        title: str,
        form: str,
        duration: int,
        topics: Sequence[str] = ...,
        subjects: Sequence[str] = ...,
        areas: Sequence[str] = ...,
        window: _Range | None = ...,
        preferred: _Range | None = ...,
        members: Sequence[str] = ...,
        invite: Sequence[str] = ...,
        after: Sequence[Mapping[str, Any]] = ...,
        before: Sequence[Mapping[str, Any]] = ...,
        fixed_start: _Date | None = ...,
    ) -> None: ...
    def add_history(
        self,
        *,
        id: str,
        body: str,
        start: _Date,
        end: _Date,
        topics: Sequence[str] = ...,
        subjects: Sequence[str] = ...,
    ) -> None: ...
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Problem: ...
    @staticmethod
    def from_dict(data: dict[str, Any]) -> Problem: ...
    @staticmethod
    def from_text(text: str) -> Problem: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def save(self, path: str | os.PathLike[str]) -> None: ...
    def validate(self) -> None: ...
    def analyze(self) -> Analysis: ...
    def score(self, plan: Plan, baseline: Plan | None = None) -> Plan: ...
    def solve(
        self,
        time_limit: float | None = 1.0,
        seed: int = 0,
        threads: int = 1,
        steps: int | None = None,
        unimproved_steps: int | None = None,
        progress: Callable[[dict[str, Any]], object] | None = None,
    ) -> Plan:
        """Harmonises the programmes into a plan. ``time_limit`` is above 0 and at most
        ``MAX_TIME_LIMIT`` seconds (or None: steps alone stop the search); ``seed`` is
        0 to 2**64 - 1; ``threads``, ``steps`` and ``unimproved_steps`` are at least 1,
        and ``threads`` beyond ``max_threads()`` is capped to it. Anything else raises
        ValueError naming the argument."""
    def replan(
        self,
        baseline: Plan,
        freeze_before: datetime.date,
        time_limit: float | None = 1.0,
        seed: int = 0,
        threads: int = 1,
        steps: int | None = None,
        unimproved_steps: int | None = None,
        progress: Callable[[dict[str, Any]], object] | None = None,
    ) -> Plan: ...
    def schedule_model(self) -> dict[str, Any]: ...
    def recommend(self, plan: Plan, activity: str, top: int = 5) -> list[dict[str, Any]]: ...
    def explain_infeasible(
        self, time_limit: float | None = 1.0, seed: int = 0, steps: int | None = None
    ) -> dict[str, Any] | None: ...
    def activities_frame(self) -> pandas.DataFrame: ...
    @staticmethod
    def from_excel(path: str | os.PathLike[str]) -> Problem: ...
    def to_excel(self, path: str | os.PathLike[str], lang: str = "vi") -> None: ...
    def _repr_html_(self) -> str: ...
    @property
    def name(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Plan:
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Plan: ...
    @staticmethod
    def from_dict(data: dict[str, Any]) -> Plan: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def save(self, path: str | os.PathLike[str]) -> None: ...
    def to_text(self, lang: str = "vi") -> str: ...
    def diff(self, newer: Plan) -> dict[str, Any]: ...
    @property
    def score(self) -> dict[str, Any]: ...
    @property
    def violations(self) -> list[dict[str, Any]]: ...
    @property
    def is_feasible(self) -> bool: ...
    @property
    def problem(self) -> Problem | None: ...
    def rows(self, problem: Problem | None = None, lang: str = "vi") -> list[dict[str, Any]]: ...
    def programme_text(self, problem: Problem | None = None, lang: str = "vi") -> str: ...
    def to_csv(
        self, path: str | os.PathLike[str], problem: Problem | None = None, lang: str = "vi"
    ) -> None:
        """A row per activity, UTF-8 with a byte-order mark. A cell of user text (id,
        title, name) starting with ``= + - @``, a tab or a carriage return gets a
        leading ``'`` so that a spreadsheet shows it instead of running it (OWASP)."""
    def to_ics(
        self, path: str | os.PathLike[str], problem: Problem | None = None, lang: str = "vi"
    ) -> None:
        """RFC 5545, one all-day event per group. Control characters other than tab and
        newline are dropped from the text (TEXT cannot hold them); a group whose dates
        fall outside the years 1–9999 raises ValidationError naming it."""
    def to_excel(
        self, path: str | os.PathLike[str], problem: Problem | None = None, lang: str = "vi"
    ) -> None: ...
    def to_pandas(self, problem: Problem | None = None, lang: str = "vi") -> pandas.DataFrame: ...
    def to_polars(self, problem: Problem | None = None, lang: str = "vi") -> polars.DataFrame: ...
    def violations_frame(self, lang: str = "vi") -> pandas.DataFrame: ...
    def gantt(self, problem: Problem | None = None, lang: str = "vi") -> go.Figure: ...
    def load_heatmap(
        self, problem: Problem | None = None, by: str = "body", lang: str = "vi"
    ) -> go.Figure: ...
    def _repr_html_(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Analysis:
    def to_dict(self) -> dict[str, Any]: ...
    def to_text(self, lang: str = "vi") -> str: ...
    def to_pandas(self, table: str) -> pandas.DataFrame: ...
    def overlap_graph(self, lang: str = "vi") -> go.Figure: ...
    def _repr_html_(self) -> str: ...
    @property
    def problem(self) -> Problem: ...

def generate(
    scale: str = "province", seed: int = 0, year: int = 2025, infeasible: bool = False
) -> Problem: ...
def max_threads() -> int:
    """The most searches ``threads=`` runs at once here; larger values are capped to it."""

def solar_to_lunar(date: datetime.date) -> tuple[int, int, int, bool]: ...
def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> datetime.date: ...
def lunar_new_year(year: int) -> datetime.date: ...
def public_holidays(year: int) -> list[tuple[datetime.date, str, str, str]]: ...
def makeup_workdays(year: int) -> list[datetime.date]: ...
def tet_break(year: int) -> tuple[datetime.date, datetime.date, str, str]: ...
def year_name(year: int) -> str: ...
def labels(lang: str = "vi") -> dict[str, str]:
    """Every label and message of the core's catalogue in ``lang``, key → text; variables
    appear as ``{name}``, ready for `str.format`."""

def working_days(
    start: datetime.date,
    end: datetime.date,
    country: str = "VN",
    weekend: list[str] = ...,
    days_off: list[datetime.date] = ...,
    workdays: list[datetime.date] = ...,
) -> list[datetime.date]: ...
