"""Each folder's conftest marks its own tests: integration under tests/integration, e2e under
tests/e2e, nothing elsewhere (tests/integration/foundation/test_suite_markers.py checks the
collected suite itself)."""

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.e2e import conftest as e2e
from tests.integration import conftest as integration

TESTS = Path(__file__).resolve().parents[1]


@dataclass
class Item:
    path: Path
    markers: list[str] = field(default_factory=list)

    def add_marker(self, marker: pytest.MarkDecorator) -> None:
        self.markers.append(marker.name)


def marked(path: str) -> list[str]:
    item = Item(TESTS / path)
    for hook in (integration.pytest_collection_modifyitems, e2e.pytest_collection_modifyitems):
        hook([item])
    return item.markers


def test_a_test_is_marked_by_the_folder_it_lives_in():
    assert marked("integration/scoring/test_feed.py") == ["integration"]
    assert marked("integration/a_new_folder/test_anything.py") == ["integration"]
    assert marked("e2e/test_feedback_loop.py") == ["e2e"]
    assert marked("unit/scoring/test_peer_groups.py") == []
    assert marked("deploy/test_images.py") == []
