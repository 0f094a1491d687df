from services.common.migrations import run_env
from services.development.adapters.tables import metadata

run_env(metadata)
