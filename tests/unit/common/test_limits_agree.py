"""The file and body limits are written once (services/common/limits.py); the gateway, the SDL
and the documentation must say the same."""

from __future__ import annotations

import re
from pathlib import Path

from services.common import limits
from services.indicator.settings import IndicatorSettings

ROOT = Path(__file__).resolve().parents[3]
# Hive Gateway cuts a body without Content-Length here, whatever its configuration says.
HIVE_BODY_CUT = 25_000_000


def test_the_gateway_holds_the_subgraphs_body_limit():
    config = (ROOT / "gateway" / "gateway.config.ts").read_text()
    [written] = re.findall(r"const MAX_BODY_BYTES = ([\d_]+);", config)
    assert int(written.replace("_", "")) == limits.MAX_BODY_BYTES


def test_the_largest_file_fits_the_body_and_the_body_fits_the_gateway():
    assert limits.MAX_FILE_BASE64_CHARS == 22_369_624
    assert limits.MAX_FILE_BASE64_CHARS < limits.MAX_BODY_BYTES < HIVE_BODY_CUT
    field = IndicatorSettings.model_fields["indicator_max_file_bytes"]
    assert field.default == limits.MAX_FILE_BYTES
    assert any(getattr(rule, "le", None) == limits.MAX_FILE_BYTES for rule in field.metadata)


def test_every_import_in_the_sdl_states_the_limits_the_code_enforces():
    stated = limits.upload_limits_text()
    assert "16 MiB" in stated and "50,000 rows" in stated
    for sdl in ("sdl/scoring.graphql", "sdl/indicator.graphql", "supergraph.graphql"):
        text = (ROOT / "schemas" / "exported" / sdl).read_text()
        sizes = set(re.findall(r"(\d+(?:\.\d+)?) ?MiB", text))
        assert sizes == {f"{limits.MAX_FILE_BYTES / 2**20:g}"}, (sdl, sizes)
    scoring = (ROOT / "schemas" / "exported" / "sdl" / "scoring.graphql").read_text()
    indicator = (ROOT / "schemas" / "exported" / "sdl" / "indicator.graphql").read_text()
    assert stated in scoring and stated in indicator


def test_the_limits_table_shows_the_figures_of_the_code():
    conventions = (ROOT / "docs" / "conventions.md").read_text()
    table = conventions[conventions.index("## Limits") :]
    for figure in (
        f"{limits.MAX_BODY_BYTES:,} bytes",
        f"{limits.MAX_FILE_BASE64_CHARS:,} characters",
        f"{limits.MAX_FILE_BYTES // 2**20} MiB (`MAX_FILE_BYTES`",
        f"{limits.MAX_FILE_ROWS:,} under the header (`MAX_FILE_ROWS`)",
        f"{limits.MAX_FILE_COLUMNS} up to its last filled cell (`MAX_FILE_COLUMNS`)",
        f"{limits.MAX_UNCOMPRESSED_BYTES // 2**20} MiB for all its parts (`MAX_UNCOMPRESSED_BYTES`)",
        f"{limits.MAX_COMPRESSION_RATIO} inflated bytes per compressed byte",
        f"once a part passes {limits.RATIO_CHECK_AFTER_BYTES // 2**20} MiB",
        f"{limits.MAX_ZIP_MEMBERS:,} (`MAX_ZIP_MEMBERS`)",
        f"{limits.MAX_READ_SECONDS:g} s (`MAX_READ_SECONDS`)",
        f"{limits.MAX_READ_MEMORY_BYTES // 2**20} MiB of address space (`MAX_READ_MEMORY_BYTES`)",
        f"{limits.MAX_CONCURRENT_READS} files at once per service (`MAX_CONCURRENT_READS`)",
    ):
        assert figure in table, figure
