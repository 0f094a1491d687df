"""Tools that run the platform on this machine; `scripts.local_stack` is importable for its tests."""
