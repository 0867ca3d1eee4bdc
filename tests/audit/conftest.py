"""The portal farm on 127.0.0.1 (port 0) and offices hosted elsewhere that it serves."""

from __future__ import annotations

import pytest

from batayon.offices.models import Office

from .farm import Farm, Portal


@pytest.fixture
def farm_factory(settings):
    farms: list[Farm] = []

    def make(portals: list[Portal], **kwargs) -> Farm:
        farm = Farm(portals, slow_seconds=kwargs.pop("slow_seconds", 0.6), **kwargs).start()
        settings.AUDIT_HOSTS = farm.hosts()
        scheme = "https" if farm.tls is not None else "http"
        settings.AUDIT_BASE_URL = f"{scheme}://{{domain}}:{farm.port}/"
        settings.AUDIT_ALLOW_NETWORKS = ["127.0.0.0/8"]  # the tests allow loopback, nothing else
        settings.AUDIT_DELAY = 0.0
        settings.AUDIT_BACKOFF = 0.05
        settings.AUDIT_SLOW_SECONDS = 0.3
        settings.AUDIT_TIMEOUT = 5.0
        farms.append(farm)
        return farm

    yield make
    for farm in farms:
        farm.stop()


@pytest.fixture
def elsewhere(db):
    """Kushtia's offices, marked as hosted elsewhere (their portals are on the farm)."""

    def pick(n: int) -> list[Office]:
        offices = list(Office.objects.filter(domain__endswith="kushtia.gov.bd").order_by("domain")[:n])
        Office.objects.filter(pk__in=[o.pk for o in offices]).update(is_hosted=False)
        for o in offices:
            o.is_hosted = False
        return offices

    return pick


@pytest.fixture
def audit_one(farm_factory, elsewhere):
    """Audit one portal with the given defects; returns its latest run."""
    from batayon.audit.services import audit, portal_url

    def run(*defects: str, evaluate: bool = False, **farm_kwargs):
        (office,) = elsewhere(1)
        farm_factory([Portal(office.domain, set(defects))], **farm_kwargs)
        (result,) = audit([(office, portal_url(office))], evaluate=evaluate)
        return result

    return run
