"""How resolvers reach the composed service: it is the root value of every operation."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING

from strawberry.extensions import SchemaExtension
from strawberry.types import Info

from services.indicator.service_layer.unit_of_work import CatalogueReads, IndicatorUnitOfWork

if TYPE_CHECKING:
    from services.indicator.bootstrap import IndicatorService


class ProvideService(SchemaExtension):
    """Makes the service bootstrap() composed the operation's root value (`info.root_value`)."""

    def __init__(self, service: IndicatorService):
        super().__init__()
        self._service = service

    def on_operation(self) -> Iterator[None]:
        self.execution_context.root_value = self._service
        yield


def service_of(info: Info) -> IndicatorService:
    return info.root_value


def reads(info: Info) -> AbstractAsyncContextManager[CatalogueReads]:
    return service_of(info).reads()


def unit_of_work(info: Info) -> IndicatorUnitOfWork:
    return service_of(info).unit_of_work()
