"""`python -m services.indicator.migrate`: applies the migrations and exits (a deploy step)."""

from services.common.migrations import upgrade
from services.indicator.settings import get_indicator_settings

if __name__ == "__main__":
    upgrade("indicator", get_indicator_settings().database_url("indicator"))
