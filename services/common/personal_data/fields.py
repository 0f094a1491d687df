"""Marking a field as a read of personal data: one extension, `personal_data(kind)`.

    @strawberry.field(extensions=[*roles(...), *personal_data("portrait")])

After the resolver returns, the read is noted for the request (written once, when the operation
ends, by writer.AccessLogWriter). The cadres read are found, in this order: the `Cadre` entity
the field belongs to; the field's `cadre_id` argument; the `cadre_id` of the object the field
belongs to; the `cadre_id` of each object returned. Pass `cadres=` (a function of the source,
the arguments and the result) where none of these fits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from strawberry.extensions.field_extension import FieldExtension
from strawberry.types import Info

from services.common.personal_data.reads import RequestReads

CadresOf = Callable[[Any, dict[str, Any], Any], Iterable[str | None]]


def cadres_read(source: Any, arguments: dict[str, Any], result: Any) -> list[str | None]:
    # Imported here: services.common.graphql loads this package, and federation loads graphql.
    from services.common.federation import CadreEntity

    if isinstance(source, CadreEntity):
        return [source.id]
    if arguments.get("cadre_id"):
        return [arguments["cadre_id"]]
    if getattr(source, "cadre_id", None):
        return [source.cadre_id]
    items = result if isinstance(result, list) else [result]
    return [getattr(item, "cadre_id", None) for item in items if item is not None]


def note_read(info: Info, kind: str, cadre_ids: Iterable[str | None]) -> None:
    """Notes a read by hand, for a resolver that reads personal data outside a marked field."""
    field = f"{info.path.typename}.{info.field_name}"
    reads_of(info.context).note(kind, field, cadre_ids)


def reads_of(context: Any) -> RequestReads:
    """The request's reads; a context built elsewhere than the endpoint (a test's) gets them here."""
    reads = getattr(context, "personal_data_reads", None)
    if reads is None:
        reads = context.personal_data_reads = RequestReads()
    return reads


class PersonalDataRead(FieldExtension):
    def __init__(self, kind: str, cadres: CadresOf = cadres_read):
        super().__init__()
        self.kind = kind
        self.cadres = cadres

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        result = next_(source, info, **kwargs)
        note_read(info, self.kind, self.cadres(source, kwargs, result))
        return result

    async def resolve_async(
        self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        result = await next_(source, info, **kwargs)
        note_read(info, self.kind, self.cadres(source, kwargs, result))
        return result


def personal_data(kind: str, cadres: CadresOf = cadres_read) -> list[FieldExtension]:
    return [PersonalDataRead(kind, cadres)]
