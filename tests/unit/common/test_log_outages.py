"""A Kafka outage is a few log lines, not one per client retry."""

import logging
import time

from services.common.log import OutageFilter


def test_repeated_client_warnings_make_one_line_at_the_start_and_one_at_the_end():
    outage = OutageFilter("aiokafka", quiet_seconds=0.2)
    passed: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            passed.append(record)

    handler = Keep()
    handler.addFilter(outage)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        client = logging.getLogger("aiokafka.conn")
        for attempt in range(1000):
            client.error("Unable to connect to node with id 1: attempt %d", attempt)
        logging.getLogger("services.scoring").error("other loggers are not held back")
        deadline = time.monotonic() + 5
        while not any(r.getMessage() == "aiokafka warnings stopped" for r in passed):
            assert time.monotonic() < deadline, [r.getMessage() for r in passed]
            time.sleep(0.05)
    finally:
        root.removeHandler(handler)

    messages = [r.getMessage() for r in passed]
    assert messages == [
        "Unable to connect to node with id 1: attempt 0",
        "other loggers are not held back",
        "aiokafka warnings stopped",
    ]
    assert passed[-1].held_back == 999
