"""Whether a pid is still the process a stack started: pids get reused."""

from __future__ import annotations

import pytest

from scripts.local_stack.components.kafka import Kafka
from scripts.local_stack.components.postgres import Postgres
from scripts.local_stack.components.service import Scoring
from scripts.local_stack.processes import is_alive, read_pid
from scripts.local_stack.registry import default_registry
from tests.unit.scripts.fakes import FakeProcess, FakeProcessTable, fake_stack


def no_sleep(seconds: float) -> None:
    pass


def test_a_process_is_ours_when_its_command_line_carries_the_marker():
    table = FakeProcessTable({7: FakeProcess("java -cp x kafka.Kafka /s/kafka/server.properties")})
    assert is_alive(7, "/s/kafka/server.properties", table)
    assert not is_alive(7, "/other/kafka/server.properties", table)
    assert table.reaped == [7, 7]


def test_no_process_or_a_zombie_is_not_alive():
    table = FakeProcessTable({8: FakeProcess("python -m services.scoring", state="Z")})
    assert not is_alive(8, "services.scoring", table)
    assert not is_alive(9, "services.scoring", table)


def test_a_process_still_in_exec_is_waited_for():
    table = FakeProcessTable({7: FakeProcess("python -m services.scoring", exec_reads=3)})
    assert is_alive(7, "services.scoring", table, sleep=no_sleep)


def test_a_process_that_never_shows_a_command_line_is_given_up_on():
    table = FakeProcessTable({7: FakeProcess("python -m services.scoring", exec_reads=10**9)})
    assert not is_alive(7, "services.scoring", table, patience=0.05, sleep=no_sleep)


def test_a_pid_file_is_read_by_its_first_word(tmp_path):
    (tmp_path / "postmaster.pid").write_text("4242\n/some/pgdata\n1700000000\n9032\n")
    (tmp_path / "empty.pid").write_text("")
    (tmp_path / "garbage.pid").write_text("not-a-pid\n")
    assert read_pid(tmp_path / "postmaster.pid") == 4242
    assert read_pid(tmp_path / "empty.pid") is None
    assert read_pid(tmp_path / "garbage.pid") is None
    assert read_pid(tmp_path / "missing.pid") is None


@pytest.fixture
def stack(tmp_path):
    return fake_stack(default_registry(), tmp_path, "mine", 9000)


def test_a_service_is_ours_only_with_this_stacks_port_in_its_environment(stack):
    table = FakeProcessTable(
        {
            10: FakeProcess("python -m services.scoring", ["A=1", "SERVICE_PORT=9002"]),
            11: FakeProcess("python -m services.scoring", ["SERVICE_PORT=5002"]),
            12: FakeProcess("python -m services.indicator", ["SERVICE_PORT=9002"]),
        }
    )
    scoring = Scoring(stack, table)
    assert scoring.owns(10)
    assert not scoring.owns(11)
    assert not scoring.owns(12)


def test_running_means_a_pid_file_naming_a_live_process_of_ours(stack):
    table = FakeProcessTable(
        {20: FakeProcess(f"java kafka.Kafka {stack.dir}/kafka/server.properties")}
    )
    kafka = Kafka(stack, table)
    assert not kafka.running()
    stack.run.mkdir(parents=True)
    stack.pidfile("kafka").write_text("20\n")
    assert kafka.running()
    stack.pidfile("kafka").write_text("21\n")
    assert not kafka.running()


def test_postgres_is_found_by_its_own_pid_file_first(stack):
    table = FakeProcessTable({30: FakeProcess(f"postgres -D {stack.pgdata}")})
    stack.pgdata.mkdir(parents=True)
    (stack.pgdata / "postmaster.pid").write_text(f"30\n{stack.pgdata}\n")
    postgres = Postgres(stack, table)
    assert postgres.pid() == 30
    assert postgres.running()


def test_kafka_listens_on_the_broker_and_the_controller_port(stack):
    assert Kafka(stack).ports() == (9092, 9093)
    assert Scoring(stack).ports() == (9002,)
