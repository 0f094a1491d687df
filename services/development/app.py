from starlette.applications import Starlette

from services.common.app import create_app
from services.development.bootstrap import service_spec
from services.development.settings import get_development_settings


def create() -> Starlette:
    settings = get_development_settings()
    return create_app(service_spec(settings), settings)
