"""The checked-in contracts in schemas/exported/ are what the code produces now."""

import json

from schemas import export, topics
from schemas.registry import PAYLOAD_MODELS


def test_exported_contracts_have_not_drifted_from_the_code():
    changed = export.drift()
    assert not changed, "exported contracts drifted; run `make contracts`:\n" + "\n".join(changed)


def test_every_event_has_a_json_schema_and_an_asyncapi_message():
    document = export.asyncapi_document()
    for (event_type, version), model in PAYLOAD_MODELS.items():
        path = export.EXPORTED / "jsonschema" / f"{event_type}.v{version}.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["properties"]["event_type"] == {"const": event_type}
        assert schema["x-topic"] == model.topic
        assert event_type in document["components"]["messages"]
    addresses = {channel["address"] for channel in document["channels"].values()}
    assert set(topics.ALL_TOPICS) <= addresses
