import uuid

import pydantic
import pytest

from schemas import topics
from schemas.envelope import Envelope
from schemas.events import CadreRegistered, WeaknessFlagged
from schemas.registry import PAYLOAD_MODELS, UnknownEventType, parse_payload


def cadre_registered() -> CadreRegistered:
    return CadreRegistered(
        cadre_id="C-1",
        name="张三",
        unit_id="U-1",
        unit_category="township",
        position_level="principal",
    )


def test_envelope_round_trips_through_json_and_back_to_its_payload_model():
    envelope = Envelope.wrap(cadre_registered(), producer="indicator", correlation_id="abc")
    decoded = Envelope.model_validate_json(envelope.model_dump_json())
    assert decoded.event_type == "CadreRegistered"
    assert decoded.schema_version == 1
    assert decoded.correlation_id == "abc"
    assert isinstance(decoded.event_id, uuid.UUID)
    assert parse_payload(decoded) == cadre_registered()


def test_every_event_has_a_known_topic_and_a_past_tense_name():
    assert PAYLOAD_MODELS, "no event models registered"
    for (event_type, version), model in PAYLOAD_MODELS.items():
        assert model.topic in topics.EVENT_TOPICS, (
            f"{event_type} publishes to an unknown topic {model.topic}"
        )
        # A state the event reports ("Required", "Overdue") reads as a fact, as a past tense does.
        assert event_type.endswith(("ed", "Required", "Overdue")), (
            f"{event_type} is not named in the past tense"
        )
        assert version >= 1


def test_payload_that_breaks_its_contract_is_rejected_naming_the_field():
    envelope = Envelope.wrap(cadre_registered(), producer="indicator")
    envelope.payload["position_level"] = "emperor"
    with pytest.raises(pydantic.ValidationError) as error:
        parse_payload(envelope)
    assert "position_level" in str(error.value)


def test_unknown_event_type_is_refused():
    envelope = Envelope(event_type="SomethingHappened", schema_version=1, producer="x", payload={})
    with pytest.raises(UnknownEventType):
        parse_payload(envelope)


def test_period_format_is_checked():
    with pytest.raises(pydantic.ValidationError) as error:
        WeaknessFlagged(
            cadre_id="C-1",
            capability="digital_governance",
            severity="high",
            period="2025-13",
            score=40,
            threshold=60,
            peer_percentile=5,
            unit_category="township",
            position_level="deputy",
        )
    assert "period" in str(error.value)


def test_dead_letter_topics_are_one_per_consumer_group():
    assert topics.dead_letter_topic("scoring") == "scoring.dead-letters.v1"
    assert set(topics.DEAD_LETTER_TOPICS) == {
        topics.dead_letter_topic(g) for g in topics.CONSUMER_GROUPS
    }
    assert len(set(topics.ALL_TOPICS)) == len(topics.ALL_TOPICS)
