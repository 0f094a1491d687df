"""Create every topic of schemas.topics on a broker, or list the broker's topics.

Runs with the project's virtualenv (it needs aiokafka); one client for all topics is much
faster than one JVM per topic with Kafka's own tools.

    .cache/venv/bin/python scripts/kafka_topics.py --bootstrap 127.0.0.1:4092 create
    .cache/venv/bin/python scripts/kafka_topics.py --bootstrap 127.0.0.1:4092 list

A broker behind TLS and SASL is reached with the platform's own settings from the environment
(KAFKA_SECURITY_PROTOCOL and the rest, as `python3 scripts/stack.py env` prints them).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError

from schemas import topics
from services.common.kafka import connection_options
from services.common.settings import PlatformSettings

TOPIC_ALREADY_EXISTS = 36


async def connected_admin(bootstrap: str, timeout: float) -> AIOKafkaAdminClient:
    """A started admin client; a broker that has just opened its port may not serve metadata yet."""
    deadline = time.monotonic() + timeout
    while True:
        settings = PlatformSettings(kafka_bootstrap_servers=bootstrap)
        admin = AIOKafkaAdminClient(**connection_options(settings), request_timeout_ms=10_000)
        try:
            await admin.start()
            await admin.describe_cluster()
            return admin
        except (KafkaError, OSError) as exc:
            await admin.close()
            if time.monotonic() > deadline:
                raise SystemExit(
                    f"Kafka at {bootstrap} does not answer metadata requests: {exc!r}"
                ) from exc
            await asyncio.sleep(0.5)


async def create_missing(admin: AIOKafkaAdminClient) -> list[str]:
    existing = set(await admin.list_topics())
    wanted = [name for name in topics.ALL_TOPICS if name not in existing]
    if not wanted:
        return []
    response = await admin.create_topics(
        [NewTopic(name, topics.LOCAL_PARTITIONS, 1) for name in wanted], timeout_ms=30_000
    )
    failures = [
        f"{err['topic']}: {err.get('error_message') or err['error_code']}"
        for err in response.to_object()["topic_errors"]
        if err["error_code"] not in (0, TOPIC_ALREADY_EXISTS)
    ]
    if failures:
        raise SystemExit("could not create topics: " + "; ".join(failures))
    return wanted


async def partitions_by_topic(admin: AIOKafkaAdminClient) -> dict[str, int]:
    described = await admin.describe_topics()
    return {t["topic"]: len(t["partitions"]) for t in described if not t["topic"].startswith("__")}


async def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("action", choices=("create", "list"))
    args = parser.parse_args(argv)

    admin = await connected_admin(args.bootstrap, args.timeout)
    try:
        if args.action == "create":
            created = await create_missing(admin)
            print(f"created {len(created)} topic(s), {len(topics.ALL_TOPICS)} expected in total")
        else:
            for name, count in sorted((await partitions_by_topic(admin)).items()):
                print(f"{name}\t{count} partitions")
    finally:
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
