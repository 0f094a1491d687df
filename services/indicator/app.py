from starlette.applications import Starlette

from services.common.app import create_app
from services.indicator.bootstrap import service_spec


def create() -> Starlette:
    return create_app(service_spec())
