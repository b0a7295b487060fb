"""Study days: a day runs from 04:00 to 04:00 local time, as in Anki.

A late-night session then counts towards the day the user is still living in,
for the new-question allowance, "due today", the streak and the heatmap.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

DAY_STARTS_AT = timedelta(hours=4)


def day_offset(now: datetime) -> timedelta:
    """What to add to a UTC moment to read its study day as a plain calendar date."""
    local = now.astimezone().utcoffset() or timedelta()
    return local - DAY_STARTS_AT


def study_day(moment: datetime, offset: timedelta) -> date:
    return (moment.astimezone(timezone.utc) + offset).date()


def day_start(day: date, offset: timedelta) -> datetime:
    """The UTC moment at which study day `day` begins."""
    return datetime.combine(day, time(), timezone.utc) - offset
