"""The automatic feed: government systems' observations through Kafka into PostgreSQL."""

from datetime import UTC, datetime

from schemas import topics
from schemas.events import ObservationReported
from tests.integration.scoring.world import (
    HOTLINE,
    scoring_fetch,
    scoring_fetchval,
    set_up,
    township,
    unique_year,
)
from tests.support import TopicReader, eventually, publish, unique

RESPONSE_RATE = "SV-12345-RESPONSE"


def reported(unit_id: str, period: str, value: float, **changes) -> ObservationReported:
    fields = dict(
        unit_id=unit_id,
        indicator_code=RESPONSE_RATE,
        period=period,
        value=value,
        unit_of_measure="%",
        source_system=HOTLINE,
        reported_at=datetime.now(UTC),
    )
    return ObservationReported(**{**fields, **changes})


async def revisions(settings, unit_id: str, code: str, period: str) -> list:
    return await scoring_fetch(
        settings,
        """SELECT o.revision, o.value, o.channel, o.event_id FROM observations o JOIN series s USING (series_key)
           WHERE s.unit_id = $1 AND s.indicator_code = $2 AND o.period = $3 ORDER BY o.revision""",
        unit_id,
        code,
        period,
    )


async def test_feed_observations_are_revisioned_and_a_redelivered_event_changes_nothing(stack):
    year, unit = unique_year(), township()
    await set_up(stack, [unit], year)
    period = f"{year}-03"
    first = await publish(
        stack, reported(unit.unit_id, period, 96.5), key=unit.unit_id, producer="hotline"
    )
    await eventually(lambda: revisions(stack, unit.unit_id, RESPONSE_RATE, period))

    await publish(
        stack, reported(unit.unit_id, period, 96.5), key=unit.unit_id, envelope=first
    )  # delivered again
    # A later correction on the same partition proves the consumer has moved past the duplicate.
    await publish(
        stack, reported(unit.unit_id, period, 97.25), key=unit.unit_id, producer="hotline"
    )
    rows = await eventually(
        lambda: _at_least(revisions(stack, unit.unit_id, RESPONSE_RATE, period), 2)
    )
    assert [(r["revision"], r["value"], r["channel"]) for r in rows] == [
        (1, 96.5, "feed"),
        (2, 97.25, "feed"),
    ]
    assert rows[0]["event_id"] == first.event_id
    processed = await scoring_fetchval(
        stack,
        "SELECT count(*) FROM processed_events WHERE consumer_group = 'scoring' AND event_id = $1",
        first.event_id,
    )
    assert processed == 1


async def _at_least(rows_coroutine, count: int):
    rows = await rows_coroutine
    return rows if len(rows) >= count else None


async def test_invalid_feed_messages_go_to_the_dead_letters_with_the_reason(stack):
    year, unit = unique_year(), township()
    await set_up(stack, [unit], year)
    period = f"{year}-04"
    cases = {
        "known_unit": reported(unique("NO-SUCH-UNIT"), period, 90.0),
        "in_list": reported(unit.unit_id, period, 90.0, indicator_code="NOT-ON-THE-LIST"),
        "known_period": reported(unit.unit_id, f"{year + 1 if year < 2100 else year - 1}-04", 90.0),
        "matches_list": reported(unit.unit_id, period, 90.0, unit_of_measure="件"),
        "range": reported(unit.unit_id, period, 130.0),
        "auto_feed": reported(unit.unit_id, period, 90.0, indicator_code="PR-COMPLETION-RATE"),
    }
    async with TopicReader(stack, topics.dead_letter_topic(topics.GROUP_SCORING)) as dead_letters:
        sent = {
            rule: await publish(stack, event, key=event.unit_id) for rule, event in cases.items()
        }
        valid = await publish(stack, reported(unit.unit_id, period, 95.0), key=unit.unit_id)
        rule_of = {str(envelope.event_id): rule for rule, envelope in sent.items()}
        reasons: dict[str, str] = {}

        def collect(envelope: dict, headers: dict) -> bool:
            if envelope.get("event_id") in rule_of:
                reasons[rule_of[envelope["event_id"]]] = headers["dlq_reason"]
            return len(reasons) == len(rule_of)

        await dead_letters.wait_for(collect)
    for rule, reason in reasons.items():
        assert reason.startswith("rejected: ") and f"rule {rule}" in reason, (rule, reason)
    stored = await eventually(lambda: revisions(stack, unit.unit_id, RESPONSE_RATE, period))
    assert [(r["value"], r["event_id"]) for r in stored] == [(95.0, valid.event_id)]
    assert (
        await scoring_fetchval(
            stack,
            "SELECT count(*) FROM processed_events WHERE event_id = ANY($1::uuid[])",
            [e.event_id for e in sent.values()],
        )
        == 0
    )
