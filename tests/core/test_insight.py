"""The check-ins against the hip work: the numbers, the interval, and when there are none."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from workout_tui.core.insight import MIN_CHECKINS, Insight, bootstrap, insight

START = date(2026, 11, 2)  # a Monday
TODAY = START + timedelta(days=27)


def alternate(days: int = 28, lower_by: int = 2, noise: int = 0, seed: int = 1) -> Insight:
    """Hip work on every other day; the check-in the day after one `lower_by` lower, with
    ±`noise` on every score."""
    rng = random.Random(seed)
    hips = {START + timedelta(days=d): 20.0 for d in range(0, days, 2)}
    checkins = {}
    for d in range(days):
        day = START + timedelta(days=d)
        after_hip = day - timedelta(days=1) in hips
        checkins[day] = 5 - (lower_by if after_hip else 0) + rng.randint(-noise, noise)
    return insight(checkins, hips, TODAY)


def test_two_points_lower_after_hip_days_is_found_with_an_interval_below_zero() -> None:
    found = alternate(noise=1)
    assert found.difference is not None and abs(found.difference + 2) <= 0.3
    assert found.interval is not None and found.interval[1] < 0
    assert found.after_hip.count + found.after_other.count == 28 and found.needed == 0
    assert "lower (better)" in found.verdict()


def test_check_ins_unrelated_to_hip_days_give_an_interval_that_holds_zero() -> None:
    found = alternate(lower_by=0, noise=2, seed=7)
    assert found.interval is not None and found.interval[0] <= 0 <= found.interval[1]
    assert "no difference can be told yet" in found.verdict()


def test_ten_check_ins_ask_for_more_and_give_no_number() -> None:
    found = alternate(days=10)
    assert found.difference is None and found.interval is None
    assert found.needed == MIN_CHECKINS - 10
    assert "Not enough check-ins yet: 4 more" in found.verdict()


def test_the_same_data_gives_the_same_interval_and_a_seed_moves_it_little() -> None:
    assert alternate(noise=2).interval == alternate(noise=2).interval
    ones, others = [3, 4, 2, 5, 3, 4, 3], [5, 6, 4, 5, 7, 5, 6]
    a = bootstrap(ones, others, random.Random(0))
    b = bootstrap(ones, others, random.Random(1))
    assert abs(a[0] - b[0]) < 0.3 and abs(a[1] - b[1]) < 0.3 and a[0] < -2 < a[1]


def test_the_first_and_last_two_weeks_and_the_weeks_side_by_side() -> None:
    found = alternate(noise=0)
    assert found.first_weeks.count == 14 and found.last_weeks.count == 14
    assert [w.monday for w in found.weeks] == [START + timedelta(weeks=i) for i in range(4)]
    assert found.weeks[0].hip_minutes == 4 * 20.0  # days 0, 2, 4 and 6


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@given(
    checkins=st.dictionaries(days, st.integers(0, 10), max_size=60),
    hips=st.dictionaries(days, st.floats(0, 600, allow_nan=False), max_size=60),
)
def test_any_history_gives_an_answer_and_never_divides_by_zero(
    checkins: dict[date, int], hips: dict[date, float]
) -> None:
    found = insight(checkins, hips, date(2031, 1, 1))
    assert (found.difference is None) == (found.needed > 0) == (found.interval is None)
    if found.interval is not None and found.difference is not None:
        assert found.interval[0] <= found.interval[1]
        assert found.interval[0] >= -10 and found.interval[1] <= 10
    assert found.verdict() and found.lines(("hips", "glutes")) and found.lines(())
    assert found.as_json(())["needed"] == found.needed
