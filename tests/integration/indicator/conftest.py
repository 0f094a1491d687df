from tests.integration.indicator.catalogue import catalogue_stack, indicator_admin  # noqa: F401 (fixtures)
