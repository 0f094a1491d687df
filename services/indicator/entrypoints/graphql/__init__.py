"""The indicator subgraph's GraphQL entrypoint: schema.py composes one module per area."""
