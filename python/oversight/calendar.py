"""The Vietnamese calendar: lunar dates (Hồ Ngọc Đức's method at UTC+7), public
holidays, and working days."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any, Literal, NamedTuple

from oversight import _oversight

__all__ = [
    "Holiday",
    "LunarDate",
    "Tet",
    "holidays",
    "lunar_new_year",
    "lunar_to_solar",
    "makeup_workdays",
    "solar_to_lunar",
    "tet",
    "working_days",
    "year_name",
]

HolidayKind = Literal["statutory", "observed", "substituted"]


class LunarDate(NamedTuple):
    """A date of the Vietnamese lunar calendar; ``leap`` marks a leap month."""

    year: int
    month: int
    day: int
    leap: bool


class Holiday(NamedTuple):
    """A Vietnamese public holiday: a statutory day, a compensatory day for one that
    fell on a weekend (``observed``), or a day off the government swapped for a make-up
    working day (``substituted``)."""

    date: _dt.date
    name_vi: str
    name_en: str
    kind: HolidayKind


class Tet(NamedTuple):
    """The Tết break of a lunar year: the run of days off around its first day."""

    start: _dt.date
    end: _dt.date
    name_vi: str
    name_en: str

    def as_event(
        self, id: str | None = None, blocks: Iterable[str] = ("*",), lang: str = "vi"
    ) -> dict[str, Any]:
        """The break as an event for ``Problem.add_event(**…)``, blocking every body
        unless ``blocks`` says otherwise."""
        return {
            "id": id or f"tet-{self.start.year}",
            "name": self.name_en if lang == "en" else self.name_vi,
            "start": self.start,
            "end": self.end,
            "blocks": list(blocks),
        }


def tet(year: int) -> Tet:
    """The Tết break of lunar year ``year`` under the standard Vietnamese calendar (the
    public holidays, swapped days off and weekends around the first day of the year):
    ``tet(2024)`` is 8 to 14 February 2024, "Nghỉ Tết Nguyên đán Giáp Thìn"."""
    return Tet(*_oversight.tet_break(year))


def year_name(year: int) -> str:
    """The name of lunar year ``year`` in the sexagenary cycle: 2024 → "Giáp Thìn"."""
    return _oversight.year_name(year)


def solar_to_lunar(date: _dt.date) -> LunarDate:
    """The lunar date of a solar (Gregorian) date."""
    return LunarDate(*_oversight.solar_to_lunar(date))


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> _dt.date:
    """The solar date of a lunar date; raises CalendarError when it does not exist."""
    return _oversight.lunar_to_solar(year, month, day, leap)


def lunar_new_year(year: int) -> _dt.date:
    """Tết Nguyên đán: the first day of lunar year ``year``."""
    return _oversight.lunar_new_year(year)


def holidays(year: int) -> list[Holiday]:
    """Vietnamese public holidays of ``year``, sorted by date."""
    return [
        Holiday(date, name_vi, name_en, kind)  # type: ignore[arg-type]
        for date, name_vi, name_en, kind in _oversight.public_holidays(year)
    ]


def makeup_workdays(year: int) -> list[_dt.date]:
    """Make-up working Saturdays announced for ``year``. A problem applies them only
    by listing them in ``calendar.workdays``."""
    return _oversight.makeup_workdays(year)


def working_days(
    start: _dt.date,
    end: _dt.date,
    country: Literal["VN", "none"] = "VN",
    weekend: Iterable[str] = ("sat", "sun"),
    days_off: Iterable[_dt.date] = (),
    workdays: Iterable[_dt.date] = (),
) -> list[_dt.date]:
    """The working days from ``start`` to ``end`` (both included)."""
    return _oversight.working_days(
        start, end, country, list(weekend), list(days_off), list(workdays)
    )
