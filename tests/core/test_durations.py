import pytest

from workout_tui.core.durations import format_clock, format_span, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45s", 45),
        ("1m30s", 90),
        ("2m", 120),
        ("1:30", 90),
        ("1:02:03", 3723),
        ("1h", 3600),
        ("90", 90),
        (90, 90),
        (0, 0),
        (" 1m 30s ", 90),
        ("0:05", 5),
    ],
)
def test_durations_are_read_as_people_write_them(text: object, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "bad", ["", "abc", "1:75", "-5", -5, 2.5, True, None, "5x", "m", "1m30", [1], "5h"]
)
def test_bad_durations_are_refused_with_a_reason(bad: object) -> None:
    with pytest.raises(ValueError, match=r"."):
        parse_duration(bad)


def test_clock_format_rounds_up_and_never_goes_negative() -> None:
    assert format_clock(44.2) == "0:45"
    assert format_clock(45) == "0:45"
    assert format_clock(0) == "0:00"
    assert format_clock(-3) == "0:00"
    assert format_clock(3723) == "1:02:03"
    assert format_clock(44.2, round_up=False) == "0:44"


def test_spans_read_naturally() -> None:
    assert format_span(45) == "45s"
    assert format_span(90) == "1m30s"
    assert format_span(720) == "12 min"
    assert format_span(3900) == "1 h 05 min"
