"""Runs a service with uvicorn: what `python -m services.<name>` does."""

from __future__ import annotations

import uvicorn

from services.common.settings import SERVICE_NAMES, get_settings

_LOCAL_PORT_OFFSETS = {name: offset for offset, name in enumerate(SERVICE_NAMES, start=1)}


def serve(service: str, app_path: str) -> None:
    settings = get_settings()
    port = settings.service_port or 4000 + _LOCAL_PORT_OFFSETS[service]
    uvicorn.run(
        app_path,
        factory=True,
        host=settings.service_host,
        port=port,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        loop="uvloop",
        http="httptools",
    )
