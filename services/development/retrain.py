"""`python -m services.development.retrain [--period 2025]`: one clustering run, then exit.

The Kubernetes CronJob runs this on a schedule; administrators can also retrain on demand
with the `retrainClustering` mutation. Exit status 0 also when the run found nothing to
cluster (the run and its message are recorded); 1 only when the run could not be recorded.
"""

from __future__ import annotations

import argparse
import asyncio
import json

import sqlalchemy as sa

from services.common.db import make_engine, make_session_factory
from services.common.errors import ValidationFailed
from services.common.log import configure_logging
from services.common.migrations import upgrade
from services.development.adapters import clustering_queries
from services.development.bootstrap import for_session_factory
from services.development.domain.periods import check_period
from services.development.settings import get_development_settings


async def retrain(period: str | None) -> sa.Row:
    settings = get_development_settings()
    engine = make_engine(settings.database_url("development"), pool_size=1)
    try:
        factory = make_session_factory(engine)
        development = for_session_factory(factory, settings)
        run_id = await development.retrain_clustering(period, requested_by="schedule")
        async with factory() as session:
            return await clustering_queries.get_run(session, run_id)
    finally:
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description="Cluster the capability gaps of a period once")
    parser.add_argument(
        "--period", help="e.g. 2025 or 2025-Q2 (default: the latest period with profiles)"
    )
    args = parser.parse_args()
    if args.period is not None:
        try:
            check_period("period", args.period)
        except ValidationFailed as error:
            parser.error(str(error))
    settings = get_development_settings()
    configure_logging("development-retrain", settings.log_level)
    upgrade("development", settings.database_url("development"))
    run = asyncio.run(retrain(args.period))
    print(
        json.dumps(
            {
                "run_id": run.id,
                "period": run.period,
                "status": run.status,
                "k": run.k,
                "silhouette": run.silhouette,
                "cadres": run.cadre_count,
                "seconds": run.seconds,
                "message": run.message,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
