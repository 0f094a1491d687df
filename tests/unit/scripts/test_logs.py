"""What an error message shows of a component's log."""

from __future__ import annotations

from scripts.local_stack.logs import latest_lines, log_tail, shorten


def test_the_tail_never_reaches_back_before_the_latest_start():
    lines = ["--- first start", "old 1", "old 2", "--- second start", "new 1", "new 2"]
    assert latest_lines(lines, 40) == ["--- second start", "new 1", "new 2"]
    assert latest_lines(lines, 2) == ["new 1", "new 2"]


def test_a_log_without_start_marks_shows_its_last_lines():
    assert latest_lines([str(n) for n in range(100)], 3) == ["97", "98", "99"]


def test_long_lines_keep_their_start_and_their_end():
    line = "a" * 150 + "b" * 1000 + "c" * 450
    short = shorten(line)
    assert short.startswith("a" * 150 + " [...] ")
    assert short.endswith("c" * 450)
    assert shorten("short") == "short"


def test_log_tail_names_the_file_and_indents_its_lines(tmp_path):
    log = tmp_path / "kafka.log"
    log.write_text("--- start\nboom\n")
    assert log_tail(log) == f"last lines of {log}:\n    --- start\n    boom"
    assert log_tail(tmp_path / "none.log") == f"(no log at {tmp_path / 'none.log'})"
