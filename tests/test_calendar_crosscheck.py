"""Cross-checks of ``oversight.calendar`` against independent Python implementations.

* ``holidays`` (the vacanza package): Vietnamese public holidays, with its observed-day
  rules and its table of the government's announced day swaps.
* ``lunar_vn``: Hồ Ngọc Đức's astronomical algorithm at UTC+7, solar years 1900-2100.
* ``vnlunar``: the same algorithm through ``convert_solar_to_lunar(d, m, y, 7.0)`` and
  ``convert_lunar_to_solar(..., time_zone=7.0)``, which accept any year; used here for
  1900-2199.

Where the packages disagree, and which one follows Hồ Ngọc Đức at UTC+7: called without
a time zone, vnlunar reads Hồ Ngọc Đức's printed tables instead of computing. Those give
the UTC+8 calendar in use before 1968 (some month starts elsewhere in 24 of the years
1900-1967; Tết 1903, 1925, 1935 and 1965 a day later than at UTC+7) and, from a finer
ephemeris, start eight months of 2054-2199 a day earlier (Tết 2175 on 22 January, Tết
2199 on 26 January, a day before the algorithm's dates), where the algorithm puts the
new moon within 3 minutes after local midnight. The algorithm at UTC+7 is what
``lunar_vn``, vnlunar's astronomical mode and ``oversight`` compute, and they agree on
every day of 1900-2199 (lunar_vn only to 2100), so these tests use vnlunar's astronomical
mode only. The ``holidays`` package carries its own lunar tables (1901-2100) at UTC+7;
its Tết and Giỗ Tổ Hùng Vương dates agree too, and are compared through its holiday
lists below.
"""

from __future__ import annotations

import datetime as dt

import holidays
import lunar_vn
import pytest
import vnlunar

from oversight import calendar

FIRST = dt.date(1900, 1, 1)
LAST = dt.date(2199, 12, 31)
LUNAR_VN_YEARS = range(1900, 2101)  # lunar_vn's SUPPORTED_YEAR_RANGE, both ends included
YEARS = range(1900, 2200)
# The holiday rules are compared from 1976 (the first Reunification Day; the package
# lists 30 April in earlier years too) to 2027. 2020-2027 is the span the project
# commits to; later years would fail as soon as the package learns of a swap announced
# after this file was written.
HOLIDAY_YEARS = range(1976, 2028)
KINDS = {"statutory", "observed", "substituted"}


def _sample_days(step: int = 7) -> list[dt.date]:
    """Every ``step``-th day from 1 January 1900 to 31 December 2199."""
    count = (LAST - FIRST).days // step + 1
    return [FIRST + dt.timedelta(days=i * step) for i in range(count)]


def _vnlunar_to_solar(year: int, month: int, day: int, leap: bool) -> dt.date:
    dd, mm, yy = vnlunar.convert_lunar_to_solar(day, month, year, int(leap), 7.0)
    return dt.date(yy, mm, dd)


@pytest.mark.parametrize("year", HOLIDAY_YEARS)
def test_public_holidays_match_the_holidays_package(year: int) -> None:
    ours = calendar.holidays(year)
    theirs = holidays.country_holidays("VN", years=year)
    dates = [h.date for h in ours]
    assert dates == sorted(set(dates)), "sorted, one entry per date"
    assert set(dates) == set(theirs), (
        f"only oversight: {sorted(set(dates) - set(theirs))}; "
        f"only holidays: {sorted(set(theirs) - set(dates))}"
    )
    assert {h.kind for h in ours} <= KINDS
    assert all(h.name_vi and h.name_en for h in ours)


def test_holiday_kinds_for_2024() -> None:
    kinds = {h.date: h.kind for h in calendar.holidays(2024)}
    assert kinds[dt.date(2024, 2, 10)] == "statutory"  # Tet
    assert kinds[dt.date(2024, 2, 8)] == "observed"  # Tet day 1 on a Saturday, moved back
    assert kinds[dt.date(2024, 2, 14)] == "observed"  # Tet day 2 on a Sunday, moved on
    assert kinds[dt.date(2024, 4, 29)] == "substituted"  # swapped for Saturday 4 May
    assert calendar.makeup_workdays(2024) == [dt.date(2024, 5, 4)]


def test_makeup_workdays_match_the_holidays_package() -> None:
    # The package files a make-up Saturday under the year of its day off (the one for
    # 31 December 2018 is 5 January 2019); oversight lists it under its own year.
    theirs: set[dt.date] = set()
    for year in HOLIDAY_YEARS:
        theirs |= set(holidays.country_holidays("VN", years=year).weekend_workdays)
    for year in HOLIDAY_YEARS:
        ours = calendar.makeup_workdays(year)
        assert ours == sorted(d for d in theirs if d.year == year), year
        assert all(d.weekday() == 5 for d in ours), year


def test_tet_and_hung_kings_day_every_year() -> None:
    wrong = []
    for year in YEARS:
        tet = calendar.lunar_new_year(year)
        gio_to = calendar.lunar_to_solar(year, 3, 10)
        expected = {
            "tet vnlunar": _vnlunar_to_solar(year, 1, 1, False),
            "gio_to vnlunar": _vnlunar_to_solar(year, 3, 10, False),
        }
        if year in LUNAR_VN_YEARS:
            expected["tet lunar_vn"] = lunar_vn.convert_lunar_to_solar(1, 1, year)
            expected["gio_to lunar_vn"] = lunar_vn.convert_lunar_to_solar(10, 3, year)
        for what, date in expected.items():
            ours = tet if what.startswith("tet") else gio_to
            if ours != date:
                wrong.append((year, what, ours, date))
        if calendar.lunar_to_solar(year, 1, 1) != tet:
            wrong.append(
                (year, "lunar_to_solar(year, 1, 1)", calendar.lunar_to_solar(year, 1, 1), tet)
            )
    assert not wrong, f"{len(wrong)} disagreements, first: {wrong[:5]}"


def test_tet_where_utc7_and_utc8_differ() -> None:
    # The Chinese calendar (UTC+8) has 20 February 1985, 18 February 2007, 3 February 2030.
    assert calendar.lunar_new_year(1985) == dt.date(1985, 1, 21)
    assert calendar.lunar_new_year(2007) == dt.date(2007, 2, 17)
    assert calendar.lunar_new_year(2030) == dt.date(2030, 2, 2)


def test_solar_to_lunar_and_back_on_a_sample() -> None:
    days = _sample_days()
    assert len(days) > 15_000
    wrong = []
    for date in days:
        ours = calendar.solar_to_lunar(date)
        key = (ours.year, ours.month, ours.day, ours.leap)
        v = vnlunar.convert_solar_to_lunar(date.day, date.month, date.year, 7.0)
        if key != (v["year"], v["month"], v["day"], bool(v["leap"])):
            wrong.append((date, "vnlunar", key, v))
        if date.year in LUNAR_VN_YEARS:
            lv = lunar_vn.solar_to_lunar(date)
            if key != (lv.year, lv.month, lv.day, lv.leap):
                wrong.append((date, "lunar_vn", key, lv))
            back_lv = lunar_vn.convert_lunar_to_solar(
                ours.day, ours.month, ours.year, int(ours.leap)
            )
            if back_lv != date:
                wrong.append((date, "lunar_vn lunar->solar", key, back_lv))
        back = calendar.lunar_to_solar(ours.year, ours.month, ours.day, ours.leap)
        if back != date:
            wrong.append((date, "oversight lunar->solar", key, back))
        back_v = _vnlunar_to_solar(ours.year, ours.month, ours.day, ours.leap)
        if back_v != date:
            wrong.append((date, "vnlunar lunar->solar", key, back_v))
    assert not wrong, f"{len(wrong)} disagreements, first: {wrong[:5]}"


def test_lunar_to_solar_of_leap_months_and_month_ends() -> None:
    # Every leap month of 1900-2199 and the 30th of every month that has one, by both
    # packages: lunar dates chosen on the lunar side, not reached from solar days.
    wrong = []
    checked = 0
    for year in YEARS:
        for month in range(1, 13):
            for leap in (False, True):
                try:
                    first = calendar.lunar_to_solar(year, month, 1, leap)
                except ValueError:
                    if leap:
                        continue
                    raise
                checked += 1
                if first != _vnlunar_to_solar(year, month, 1, leap):
                    wrong.append((year, month, 1, leap, first))
                try:
                    last_day, last = 30, calendar.lunar_to_solar(year, month, 30, leap)
                except ValueError:
                    last_day, last = 29, calendar.lunar_to_solar(year, month, 29, leap)
                # The day after the last is the next month's first (the last month of
                # 2199 excepted: its next day is outside the range).
                if (year, month) != (YEARS[-1], 12):
                    if calendar.solar_to_lunar(last + dt.timedelta(days=1)).day != 1:
                        wrong.append((year, month, last_day, leap, last))
                if last != _vnlunar_to_solar(year, month, last_day, leap):
                    wrong.append((year, month, last_day, leap, last))
                if year in LUNAR_VN_YEARS and year < 2100:
                    if last != lunar_vn.convert_lunar_to_solar(last_day, month, year, int(leap)):
                        wrong.append((year, month, last_day, leap, "lunar_vn"))
    # 300 years hold about 110 leap months.
    assert 300 * 12 + 100 < checked < 300 * 12 + 120
    assert not wrong, f"{len(wrong)} disagreements, first: {wrong[:5]}"


def test_impossible_dates_raise() -> None:
    with pytest.raises(ValueError):
        calendar.lunar_to_solar(2024, 2, 1, True)  # 2024 has no leap month
    with pytest.raises(ValueError):
        calendar.lunar_to_solar(2024, 1, 30)  # month 1 of 2024 has 29 days
    with pytest.raises(ValueError):
        calendar.lunar_to_solar(2024, 13, 1)
    with pytest.raises(ValueError):
        calendar.lunar_new_year(1000)
    with pytest.raises(ValueError):
        calendar.solar_to_lunar(dt.date(1700, 1, 1))
    with pytest.raises(ValueError):
        calendar.holidays(3000)
    assert calendar.lunar_to_solar(2023, 2, 1, True) == dt.date(2023, 3, 22)
