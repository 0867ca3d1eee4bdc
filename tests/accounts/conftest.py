"""The accounts tests use the same people as the workspace tests."""

from tests.workspace.conftest import editor, editor_client, head, supervisor, uno_sadar  # noqa: F401
