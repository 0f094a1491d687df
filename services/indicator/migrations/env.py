from services.common.migrations import run_env
from services.indicator.adapters.tables import metadata

run_env(metadata)
