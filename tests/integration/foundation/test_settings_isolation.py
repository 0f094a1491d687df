"""A test that changes scoring's one settings row keeps every reader out until it has put the row
back, so tests that read settings see the same values whatever runs beside or before them."""

from __future__ import annotations

import asyncio

from tests.support import (
    AssessmentSettingsChange,
    GraphQLClient,
    assessment_settings_lock,
    read_assessment_settings,
)


async def test_a_reader_waits_for_a_change_and_then_sees_the_settings_put_back(stack, admin_token):
    client = GraphQLClient(stack.service_url("scoring"), bearer=admin_token)

    async def threshold_a_reader_sees() -> float:
        async with assessment_settings_lock(stack, exclusive=False):
            settings = await read_assessment_settings(client, ["weaknessThreshold"])
            return settings["weaknessThreshold"]

    try:
        async with assessment_settings_lock(stack, exclusive=True):
            change = AssessmentSettingsChange(client)
            before = await change({"weaknessThreshold": 61.5})
            reader = asyncio.create_task(threshold_a_reader_sees())
            try:
                changed = await read_assessment_settings(client, ["weaknessThreshold"])
                assert changed == {"weaknessThreshold": 61.5}
                await asyncio.sleep(1)
                assert not reader.done(), "a reader got the settings while a change held them"
            finally:
                await change.restore()
        assert await asyncio.wait_for(reader, 30) == before["weaknessThreshold"]
    finally:
        await client.aclose()
