"""schemathesis against /api/v1/openapi.json: generated requests to every operation get no
server error, and every response matches the document (status, content type, body)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from batayon.wsgi import application

pytestmark = pytest.mark.django_db


@pytest.fixture
def keep_test_connection():
    """As Django's own test client does: a request must not close the connection that holds
    the test's transaction (PostgreSQL would lose the fixture data mid-test)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_every_operation_conforms_to_the_openapi_document(directory, keep_test_connection):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    seen: dict[str, set[int]] = {}
    for operation in operations:
        @settings(max_examples=12, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call_and_validate(checks=CHECKS)
            seen.setdefault(case.operation.label, set()).add(response.status_code)

        check()
    # The documented examples reach real data, not only error paths. (Generated cases mix the
    # example with other generated parameters, so call the examples on their own as well.)
    by_label = {op.label: op for op in operations}
    officers = by_label["GET /api/v1/offices/{domain}/officers"].Case(path_parameters={"domain": "kushtia.gov.bd"})
    search = by_label["GET /api/v1/search"].Case(query={"q": "কুষ্টিয়া ইউএনও ফোন"})
    for case in (officers, search):
        response = case.call_and_validate(checks=CHECKS)
        assert response.status_code == 200, case.operation.label
        assert response.json()["count"] > 0, case.operation.label
    assert 401 in seen["POST /api/v1/offices/{domain}/notices"]
