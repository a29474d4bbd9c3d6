"""The break reminder's clock, on a fake clock: due on time, snoozed, skipped, paused, and
one break (not many) after the machine slept."""

from __future__ import annotations

from tests.conftest import FakeClock
from workout_tui.core.breaks import BreakPolicy, BreakState, BreakTimer, is_quiet

POLICY = BreakPolicy(every=45 * 60, snooze=5 * 60)


def sit(timer: BreakTimer, clock: FakeClock, seconds: float, tick: float = 1.0) -> int:
    """Move the clock on in ticks, as the break screen looks at it; how many came due."""
    due = 0
    left = seconds
    while left > 0:
        clock.advance(min(tick, left))
        left -= tick
        due += timer.update(clock())
    return due


def test_a_break_comes_due_after_the_time_sitting_and_once(clock: FakeClock) -> None:
    timer = BreakTimer(POLICY, clock())
    assert sit(timer, clock, 45 * 60 - 1) == 0 and timer.left == 1
    assert sit(timer, clock, 1) == 1 and timer.state is BreakState.DUE
    assert sit(timer, clock, 600) == 0  # asked once, until the person answers


def test_a_machine_that_slept_for_hours_owes_one_break(clock: FakeClock) -> None:
    timer = BreakTimer(POLICY, clock())
    sit(timer, clock, 10 * 60)
    clock.advance(6 * 3600)  # the lid closed over lunch and the afternoon
    assert timer.update(clock()) is True and timer.state is BreakState.DUE
    timer.skip(clock())
    assert timer.skipped == 1 and timer.left == 45 * 60  # a fresh count, nothing owed
    assert sit(timer, clock, 44 * 60) == 0


def test_snooze_puts_the_break_off_and_counts(clock: FakeClock) -> None:
    timer = BreakTimer(POLICY, clock())
    sit(timer, clock, 45 * 60)
    timer.snooze(clock())
    assert timer.state is BreakState.SITTING and timer.snoozed == 1 and timer.left == 5 * 60
    assert sit(timer, clock, 5 * 60 - 1) == 0
    assert sit(timer, clock, 1) == 1


def test_a_break_taken_counts_once_back_and_the_count_starts_again(clock: FakeClock) -> None:
    timer = BreakTimer(POLICY, clock())
    sit(timer, clock, 45 * 60)
    timer.take()
    assert sit(timer, clock, 3600) == 0  # the routine's time is not sitting time
    timer.back(clock())
    assert timer.taken == 1 and timer.state is BreakState.SITTING and timer.left == 45 * 60


def test_paused_time_is_not_counted(clock: FakeClock) -> None:
    timer = BreakTimer(POLICY, clock())
    sit(timer, clock, 20 * 60)
    timer.pause(clock())
    assert sit(timer, clock, 3 * 3600) == 0 and timer.state is BreakState.PAUSED
    timer.resume(clock())
    assert timer.left == 25 * 60
    assert sit(timer, clock, 25 * 60) == 1


def test_quiet_hours_count_no_sitting_and_may_run_past_midnight(clock: FakeClock) -> None:
    night = (22 * 60, 7 * 60)
    assert [is_quiet(night, h * 60) for h in (21, 22, 23, 0, 6, 7)] == [
        False,
        True,
        True,
        True,
        True,
        False,
    ]
    assert is_quiet((12 * 60, 13 * 60), 12 * 60 + 30) and not is_quiet(None, 0)
    timer = BreakTimer(POLICY, clock())
    clock.advance(3 * 3600)
    assert timer.update(clock(), quiet=True) is False and timer.sitting == 0
