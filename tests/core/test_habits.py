"""A streak that forgives one missed day in seven, and comebacks counted and greeted."""

from __future__ import annotations

from datetime import date, timedelta

from workout_tui.core.habits import Streak, back_after, comebacks, session_streak, streak

TODAY = date(2026, 12, 7)


def days_ago(*backs: int) -> set[date]:
    return {TODAY - timedelta(days=back) for back in backs}


def test_one_missed_day_passes_as_a_rest_day_and_a_second_within_seven_ends_it() -> None:
    assert session_streak(days_ago(0, 1, 2, 3), TODAY) == Streak(4)
    assert session_streak(days_ago(0, 1, 3, 4), TODAY) == Streak(5, rest_days=1)
    assert str(session_streak(days_ago(0, 1, 3, 4), TODAY)) == "5 days, 1 rest day used"
    # Missed 2 and 5: three days apart, inside one seven: the second ends it.
    assert session_streak(days_ago(0, 1, 3, 4, 6, 7), TODAY) == Streak(5, 1)
    # Missed 2 and 10: eight days apart, each forgiven.
    kept = days_ago(0, 1, *range(3, 10), *range(11, 14))
    assert session_streak(kept, TODAY) == Streak(14, 2)


def test_today_is_still_open_and_two_missed_days_in_a_row_end_it() -> None:
    assert session_streak(days_ago(1, 2), TODAY) == Streak(2)  # nothing yet today
    assert session_streak(days_ago(2, 3), TODAY) == Streak(3, 1)  # yesterday, a rest day
    assert session_streak(days_ago(3, 4), TODAY) == Streak(0)
    assert session_streak(set(), TODAY) == Streak(0)
    assert str(Streak(1)) == "1 day"


def test_a_plan_day_with_nothing_planned_neither_counts_nor_breaks() -> None:
    planned = days_ago(0, 2, 4, 6)  # every other day
    done = days_ago(0, 2, 6)  # day 4 missed

    def kept(day: date) -> bool | None:
        return (day in done) if day in planned else None

    assert streak(kept, TODAY) == Streak(4, rest_days=1)  # 0, 2, 6 kept; 4 a rest day


def test_comebacks_are_sessions_after_two_missed_days_or_more() -> None:
    assert comebacks(days_ago(0, 3, 4, 5, 10)) == 2  # 5 after 10, 0 after 3
    assert comebacks(days_ago(0, 2)) == 0  # one missed day is a rest day, not a comeback
    assert back_after(days_ago(4, 5), TODAY) == 4
    assert back_after(days_ago(0, 2), TODAY) == 0
    assert back_after(set(), TODAY) == 0  # a first session is no comeback
