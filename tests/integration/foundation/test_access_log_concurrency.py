"""The access log against the real PostgreSQL: concurrent requests each get the next number and
link to the entry before, so the chain holds however requests interleave."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import create_async_engine

from services.common.auth import Principal, Role
from services.common.personal_data import PostgresAccessLog, RequestReads, entry_of, verify_chain
from tests.support import unique


async def test_concurrent_appends_get_consecutive_numbers_and_an_intact_chain(stack):
    engine = create_async_engine(stack.database_url("development"), pool_size=10)
    log = PostgresAccessLog(engine)
    subject = unique("concurrent-reader")
    try:
        entries = []
        for i in range(20):
            reads = RequestReads()
            reads.note("enrolments", "Query.enrolments", [f"{subject}-C{i}", f"{subject}-C{i + 1}"])
            entries.append(
                entry_of(reads, Principal(subject, Role.TRAINER), "Seats", None, datetime.now(UTC))
            )
        numbers = await asyncio.gather(*(log.append(e) for e in entries))
        assert len(set(numbers)) == 20 and max(numbers) - min(numbers) == 19
        stored, head_seq, head_hash = await log.whole()
        report = verify_chain(stored, head_seq, head_hash)
        assert report.intact, report.problems
        about = await log.about(f"{subject}-C5", 10, 0)
        assert sorted(s.entry.cadre_ids for s in about) == [
            [f"{subject}-C4", f"{subject}-C5"],
            [f"{subject}-C5", f"{subject}-C6"],
        ]
        assert [s.seq for s in about] == sorted((s.seq for s in about), reverse=True)
    finally:
        await engine.dispose()
