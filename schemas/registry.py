"""Finds the payload model of an envelope and validates it."""

from __future__ import annotations

from schemas import events as _events  # noqa: F401  (importing registers every model)
from schemas.envelope import Envelope, EventPayload


def _all_payload_models() -> dict[tuple[str, int], type[EventPayload]]:
    found: dict[tuple[str, int], type[EventPayload]] = {}
    pending = list(EventPayload.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        found[(model.event_type, model.schema_version)] = model
    return found


PAYLOAD_MODELS = _all_payload_models()


class UnknownEventType(ValueError):
    pass


def payload_model(event_type: str, schema_version: int) -> type[EventPayload]:
    try:
        return PAYLOAD_MODELS[(event_type, schema_version)]
    except KeyError:
        raise UnknownEventType(
            f"unknown event type {event_type!r} version {schema_version}"
        ) from None


def parse_payload(envelope: Envelope) -> EventPayload:
    """Validates the payload against its contract; raises pydantic.ValidationError or UnknownEventType."""
    return payload_model(envelope.event_type, envelope.schema_version).model_validate(
        envelope.payload
    )
