"""The address guard refuses private, loopback, link-local and reserved addresses unless allowed,
for the auditor, for every redirect hop and for the service-box link checker."""

from __future__ import annotations

import pytest

from batayon.audit.guard import Guard
from batayon.audit.linkcheck import check_urls
from batayon.audit.models import Link
from batayon.audit.services import audit, portal_url

from .farm import SERVICE_HOST, Portal


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
        "240.0.0.1",
    ],
)
def test_non_public_addresses_are_refused_by_default(address):
    assert not Guard().allowed(address)


def test_public_addresses_pass_and_allow_lists_open_exactly_what_they_name():
    assert Guard().allowed("103.48.16.1")  # a public address (no traffic is sent: a pure check)
    guard = Guard.build(allow_networks=["127.0.0.1/32"])
    assert guard.allowed("127.0.0.1")
    assert not guard.allowed("127.0.0.2")
    assert not guard.allowed("10.0.0.1")
    assert Guard.build(allow_private=True).allowed("192.168.0.10")


@pytest.mark.django_db
def test_audit_refuses_a_loopback_portal_unless_allowed(farm_factory, elsewhere, settings):
    (office,) = elsewhere(1)
    farm = farm_factory([Portal(office.domain)])
    settings.AUDIT_ALLOW_NETWORKS = []
    (run,) = audit([(office, portal_url(office))], evaluate=False)
    assert run.outcome == "refused"
    assert sum(farm.hits.values()) == 0  # nothing reached the server


@pytest.mark.django_db
def test_link_checker_refuses_private_addresses_and_redirects_to_them(farm_factory, elsewhere, settings):
    (office,) = elsewhere(1)
    farm = farm_factory([Portal(office.domain)])
    settings.AUDIT_ALLOW_NETWORKS = ["127.0.0.1/32"]
    ok = f"http://{SERVICE_HOST}:{farm.port}/ok/a"
    hop = f"http://{SERVICE_HOST}:{farm.port}/to-other-address/a"
    typed = f"http://127.0.0.3:{farm.port}/ok/typed-by-an-editor"
    check_urls([ok, hop, typed])
    assert Link.objects.get(url=ok).status == "ok"
    assert (Link.objects.get(url=hop).status, Link.objects.get(url=hop).error) == (
        "broken",
        "address_refused",
    )
    assert (Link.objects.get(url=typed).status, Link.objects.get(url=typed).error) == (
        "broken",
        "address_refused",
    )
    assert not any("elsewhere" in path or "typed" in path for path in farm.hits)
