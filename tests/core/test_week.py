"""The weekly plan: what a day asks for, whether it was kept, and the streak of days kept."""

from __future__ import annotations

from datetime import date, timedelta

from workout_tui.core.habits import Streak
from workout_tui.core.week import WeekPlan

MONDAY = date(2026, 11, 30)
PLAN = WeekPlan(daily=("stretch",), days={0: ("strength",), 2: ("strength",)})


def test_a_day_is_kept_when_everything_planned_was_done() -> None:
    assert PLAN.kept(MONDAY, {"stretch"}) is False
    assert PLAN.kept(MONDAY, {"stretch", "strength", "desk-break"}) is True
    assert WeekPlan().kept(MONDAY, set()) is None  # nothing planned


def test_the_plan_streak_counts_days_kept_and_passes_over_days_with_nothing_planned() -> None:
    weekends = WeekPlan(days={5: ("long",), 6: ("long",)})
    sunday = MONDAY + timedelta(days=6)
    done = {sunday: {"long"}, sunday - timedelta(days=1): {"long"}}
    assert weekends.streak(sunday, done) == Streak(2)
    # The weekend before was kept too: Monday to Friday, with nothing planned, are passed over.
    done |= {MONDAY - timedelta(days=1): {"long"}, MONDAY - timedelta(days=2): {"long"}}
    assert weekends.streak(sunday, done) == Streak(4)


def test_today_still_open_does_not_break_the_plan_streak() -> None:
    wednesday = MONDAY + timedelta(days=2)
    done = {MONDAY: {"stretch", "strength"}, MONDAY + timedelta(days=1): {"stretch"}}
    assert PLAN.streak(wednesday, done) == Streak(2)  # Wednesday not done yet
    done[wednesday] = {"stretch", "strength"}
    assert PLAN.streak(wednesday, done) == Streak(3)
    del done[MONDAY + timedelta(days=1)]  # Tuesday missed: a rest day, Monday was kept
    assert PLAN.streak(wednesday, done) == Streak(3, rest_days=1)
    del done[MONDAY]  # Monday missed too: two in a row end it
    assert PLAN.streak(wednesday, done) == Streak(1)
    assert WeekPlan().streak(wednesday, done) == Streak(0)
