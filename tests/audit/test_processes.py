"""Crawling in several processes gives the same audit as one process, keeps every host's
limits (all of a host's sites in one process; a redirect target they share gets a share of
the limits in each), and still moves the progress bar."""

from __future__ import annotations

import pytest

from batayon.audit.parallel import split_by_host
from batayon.audit.services import audit, portal_url

from .farm import Portal

pytestmark = pytest.mark.django_db


def test_sites_of_one_host_stay_together():
    targets = [
        (1, "http://a.gov.bd/"),
        (2, "http://b.gov.bd/"),
        (3, "http://a.gov.bd/en/"),
        (4, "http://c.gov.bd/"),
    ]
    groups = split_by_host(targets, 2)
    assert sorted(len(g) for g in groups) == [2, 2]
    assert any({t[0] for t in g} == {1, 3} for g in groups)
    assert len(split_by_host(targets[:1], 4)) == 1


def test_two_processes_audit_like_one(farm_factory, elsewhere):
    offices = elsewhere(4)
    defects = [set(), {"no_english"}, {"stale_notices", "slow"}, {"dead_link", "missing_rti"}]
    farm = farm_factory([Portal(o.domain, d) for o, d in zip(offices, defects, strict=True)])
    ticks: list[int] = []
    two = audit([(o, portal_url(o)) for o in offices], evaluate=False, processes=2, progress=ticks.append)
    assert sum(ticks) == 4
    assert max(farm.max_in_flight[o.domain] for o in offices) <= 2
    one = audit([(o, portal_url(o)) for o in offices], evaluate=False, processes=1)

    def summary(run):
        observed = {(ob.source, ob.n, ob.last_change, ob.untranslated) for ob in run.observations.all()}
        return run.office_id, run.outcome, run.pages, sorted(f["code"] for f in run.findings), observed

    assert [summary(r) for r in two] == [summary(r) for r in one]
    assert [r.office_id for r in two] == [o.pk for o in offices]
    assert "no_english" in {f["code"] for f in two[1].findings}


def test_a_redirect_target_shared_across_processes_keeps_its_limit(farm_factory, elsewhere):
    offices = elsewhere(4)
    # Every portal's officer list redirects to one slow host: four requests to it at once,
    # from two processes with two portals each.
    farm = farm_factory([Portal(o.domain, {"officers_elsewhere"}) for o in offices], slow_seconds=0.4)
    runs = audit([(o, portal_url(o)) for o in offices], evaluate=False, processes=2)
    assert all(r.outcome == "ok" for r in runs)
    shared = farm.service_host
    assert sum(n for path, n in farm.hits.items() if path.startswith(f"{shared}/slow/")) == 4
    assert 1 <= farm.max_in_flight[shared] <= 2
