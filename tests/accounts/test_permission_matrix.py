"""Permissions (R-7.1): every role × (own office, sibling, child, parent) × every action, and
no view of the workspace, supervision, accounts or the write API without a check."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from batayon.accounts.permissions import ACTIONS, can
from batayon.offices.models import Office, Tier
from tests.workspace.helpers import make_user, signed_in

pytestmark = pytest.mark.django_db

EDITOR = {"view", "view_drafts", "edit", "confirm", "import", "publish"}  # publish: no two-step at this office
HEAD = {"view", "view_drafts", "edit", "confirm", "import", "publish", "approve", "manage_users"}
SUPERVISOR = {"view", "view_drafts", "view_dashboard", "remind", "edit:services"}
EVERYTHING = {*ACTIONS, "edit:services"}
NOTHING: set[str] = set()

# role → relation → what is allowed. The home office of every role is the UNO office of
# Kushtia Sadar; its child is a union of that upazila, its sibling the UNO office of another
# upazila of the district, its parent the DC office.
EXPECTED = {
    "editor": {"own": EDITOR | {"edit:services"}, "sibling": NOTHING, "child": NOTHING, "parent": NOTHING},
    "head": {"own": HEAD | {"edit:services"}, "sibling": NOTHING, "child": NOTHING, "parent": NOTHING},
    "supervisor": {"own": SUPERVISOR, "sibling": NOTHING, "child": SUPERVISOR, "parent": NOTHING},
    "admin": {"own": EVERYTHING, "sibling": EVERYTHING, "child": EVERYTHING, "parent": EVERYTHING},
}
CHECKS = sorted(ACTIONS) + ["edit:services"]


@pytest.fixture(autouse=True)
def rulebook(db) -> None:
    """The shipped rulebook marks the service-box rules ``supervisor_editable``: that, and
    nothing in accounts, is why a supervisor may edit the ``services`` section."""
    from batayon.compliance.rulebook import ensure_rules

    ensure_rules()


@pytest.fixture
def offices(union_office, kushtia_dc) -> dict[str, Office]:
    own = Office.objects.get(tier=Tier.UPAZILA, area_id=union_office.upazila_id)
    sibling = Office.objects.filter(tier=Tier.UPAZILA, district_id=own.district_id).exclude(pk=own.pk).first()
    return {"own": own, "sibling": sibling, "child": union_office, "parent": kushtia_dc}


def allowed(user, office: Office) -> set[str]:
    out = set()
    for check in CHECKS:
        action, _sep, section = check.partition(":")
        if can(user, action, office, section or None):
            out.add(check)
    return out


@pytest.mark.parametrize("role", list(EXPECTED))
def test_can_matrix(role, offices):
    user = make_user(f"m-{role}", role, offices["own"])
    for relation, office in offices.items():
        assert allowed(user, office) == EXPECTED[role][relation], (role, relation)


def test_the_rulebook_decides_what_a_supervisor_may_edit(offices):
    from batayon.compliance.models import Rule

    user = make_user("m-rulebook", "supervisor", offices["own"])
    child = offices["child"]
    assert can(user, "edit", child, "services") and not can(user, "edit", child, "notices")
    Rule.objects.filter(code="notices-fresh").update(supervisor_editable=True)
    Rule.objects.filter(section="services").update(supervisor_editable=False)
    assert can(user, "edit", child, "notices") and not can(user, "edit", child, "services")
    assert not can(user, "edit", offices["sibling"], "notices")  # still only offices under them
    Rule.objects.filter(code="notices-fresh").update(active=False)  # an inactive rule grants nothing
    assert not can(user, "edit", child, "notices")


def test_anonymous_and_inactive_users_can_do_nothing(offices):
    from django.contrib.auth.models import AnonymousUser

    user = make_user("gone", "head", offices["own"], is_active=False)
    for office in offices.values():
        assert allowed(AnonymousUser(), office) == set() and allowed(user, office) == set()


def expected_status(role: str, relation: str, check: str) -> int:
    return 200 if check in EXPECTED[role][relation] else 403


@pytest.mark.parametrize("role", list(EXPECTED))
def test_views_enforce_the_matrix(role, offices):
    """The same table, through real requests to the workspace."""
    user = make_user(f"h-{role}", role, offices["own"])
    client = signed_in(user, verified=True)
    for relation, office in offices.items():
        base = f"/workspace/{office.domain}/"
        probes = {
            "view": client.get(base),
            "view_drafts": client.get(base + "notices/"),
            "edit": client.get(base + "notices/new/"),
            "edit:services": client.get(base + "services/new/"),
            "import": client.get(base + "officers/import/"),
        }
        for check, response in probes.items():
            assert response.status_code == expected_status(role, relation, check), (role, relation, check)
        denied = client.post(base + "notices/new/", {"title_bn": "x", "publish_date": "2025-01-01"})
        assert (denied.status_code == 403) == ("edit" not in EXPECTED[role][relation])


def test_anonymous_is_sent_to_login(offices):
    r = Client().get(f"/workspace/{offices['child'].domain}/notices/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")


OPEN_ACCOUNT_VIEWS = {"login", "logout", "password_reset", "password_reset_done", "password_reset_confirm",
                      "password_reset_complete"}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def test_every_protected_view_declares_its_permission(union_office):
    """Fails as soon as someone adds a view here without going through accounts.permissions."""
    missing = []
    api_unmarked = []
    routes = [(r.lstrip("^"), p) for r, p in _walk(get_resolver().url_patterns)]
    assert sum(r.startswith("workspace/") for r, _p in routes) >= 10  # the walk really sees the views
    for route, pattern in routes:
        action = getattr(pattern.callback, "permission_action", None)
        if route.startswith("accounts/"):
            if pattern.name in OPEN_ACCOUNT_VIEWS:
                assert action == "public", route
            elif action is None:
                missing.append(route)
        elif route.startswith(("workspace/", "supervision/")):
            if action is None or action == "public" and route.startswith("workspace/"):
                missing.append(route)
        elif route.startswith("api/") and action is None:
            api_unmarked.append((route, pattern))
    assert missing == [], f"views without a permission check: {missing}"
    # An API view without a declared permission must be read-only: writes are refused.
    client = Client()
    for route, pattern in api_unmarked:
        url = "/" + route
        for name in ("domain", "rest", "code", "pk", "key"):
            url = url.replace(f"<str:{name}>", union_office.domain).replace(f"(?P<{name}>.*)$", "x")
        url = url.replace("<int:pk>", "1").replace("$", "")
        for method in ("post", "put", "patch", "delete"):
            status = getattr(client, method)(url).status_code
            assert status in (401, 403, 404, 405), (route, method, status)
