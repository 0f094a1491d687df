"""Values for the platform's own scalars, which schemathesis cannot draw by itself."""

from __future__ import annotations

import graphql
from hypothesis import strategies as st
from schemathesis.graphql import nodes, scalar

KEYS = st.sampled_from(["__typename", "id", "unitId", "cadreId", "value", "x"])
TYPENAMES = st.sampled_from(["Unit", "Cadre", "IndicatorList", "CadreScore", "Nothing"])


def _field(name: str, value: graphql.ValueNode) -> graphql.ObjectFieldNode:
    return graphql.ObjectFieldNode(name=graphql.NameNode(value=name), value=value)


def _object(fields: dict[str, graphql.ValueNode]) -> graphql.ObjectValueNode:
    return nodes.Object([_field(name, value) for name, value in fields.items()])


LEAVES = st.one_of(
    st.text(max_size=40).map(nodes.String),
    st.integers().map(nodes.Int),
    st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
    st.booleans().map(nodes.Boolean),
)
JSON = st.recursive(
    LEAVES,
    lambda inner: st.dictionaries(KEYS, inner, max_size=4).map(_object),
    max_leaves=8,
)
DECIMAL = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(nodes.String),
    st.text(max_size=12).map(nodes.String),
    st.integers().map(nodes.Int),
)
# An entity representation: a type name (one of the platform's, or none of them) and keys.
ANY = st.fixed_dictionaries(
    {"__typename": TYPENAMES.map(nodes.String)},
    optional={"id": st.text(max_size=20).map(nodes.String), "x": JSON},
).map(_object)


def register() -> None:
    scalar("JSON", JSON)
    scalar("Decimal", DECIMAL)
    scalar("_Any", ANY)
