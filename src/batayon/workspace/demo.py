"""Demo accounts for the workspace (filled in by the workspace work)."""

from __future__ import annotations


def create_demo_accounts() -> list[tuple[str, str, str, str]]:
    """Returns (username, password, role, office domain) for each demo login."""
    return []
