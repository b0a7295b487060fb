"""Study days: a day runs from 04:00 to 04:00 local time, as in Anki.

A late-night session then counts towards the day the user is still living in,
for the new-question allowance, "due today", the streak and the heatmap.
Each moment is read with the UTC offset in force at that moment, so a
daylight-saving change moves no answer to another day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

DAY_STARTS_AT = timedelta(hours=4)


def day_offset(now: datetime) -> timedelta:
    """What to add to a UTC moment near `now` to read its study day as a plain calendar date."""
    local = now.astimezone().utcoffset() or timedelta()
    return local - DAY_STARTS_AT


def study_day(moment: datetime, offset: timedelta | None = None) -> date:
    """The study day of `moment`: in local time at that moment, or shifted by a fixed `offset`."""
    if offset is None:
        offset = day_offset(moment)
    return (moment.astimezone(timezone.utc) + offset).date()


def day_start(day: date, offset: timedelta | None = None) -> datetime:
    """The UTC moment at which study day `day` begins (04:00 local that day, by default)."""
    if offset is None:
        local = datetime.combine(day, time()) + DAY_STARTS_AT
        return local.astimezone().astimezone(timezone.utc)
    return datetime.combine(day, time(), timezone.utc) - offset
