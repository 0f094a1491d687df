"""`python -m services.scoring.migrate`: applies the migrations and exits (a deploy step)."""

from services.common.migrations import upgrade
from services.common.settings import get_settings

if __name__ == "__main__":
    upgrade("scoring", get_settings().database_url("scoring"))
