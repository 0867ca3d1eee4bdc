"""Service-box links: ``checklinks`` records each URL's health (local server only), the rule reads it."""

import http.server
import threading

import pytest
from django.utils import timezone

from batayon.audit.models import Link
from batayon.compliance.links import check_links
from batayon.content.models import Service

from .conftest import at, evaluate_at, reason_bn, reason_en, status


class Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path.startswith("/ok") else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def box(office, link):
    return Service.objects.create(
        office=office, name="সেবা", name_bn="সেবা", name_en="Service", link=link, in_service_box=True
    )


def test_checklinks_records_status_per_url(office, local_server, settings):
    settings.AUDIT_ALLOW_NETWORKS = ["127.0.0.0/8"]  # the address guard refuses loopback otherwise
    box(office, f"{local_server}/ok/form")
    box(office, f"{local_server}/gone")
    result = check_links(timeout=2, office_domain=office.domain)
    assert (result["checked"], result["ok"], result["broken"]) == (2, 1, 1)
    assert Link.objects.get(url=f"{local_server}/gone").status_code == 404
    evaluate_at(office, at(2025, 10, 10))
    s = status(office, "service-box-links")
    assert s.status == "broken"
    assert reason_bn(s) == "২টি লিংকের মধ্যে ১টি কাজ করছে না"


def test_crafted_results_and_unchecked_links(office):
    box(office, "https://a.example.gov.bd/")
    box(office, "https://b.example.gov.bd/")
    Link.objects.create(
        url="https://a.example.gov.bd/", status="ok", status_code=200, checked_at=timezone.now()
    )
    evaluate_at(office, at(2025, 10, 10))
    s = status(office, "service-box-links")
    assert s.status == "unchecked"  # a link nobody has checked is not known to work
    assert reason_en(s) == "1 of 2 links not checked yet"
    Link.objects.create(
        url="https://b.example.gov.bd/", status="blocked", status_code=403, checked_at=timezone.now()
    )
    evaluate_at(office, at(2025, 10, 10))
    s = status(office, "service-box-links")
    assert s.status == "ok"  # blocked by bot protection is re-checked later, never "broken"
    assert reason_en(s) == "all links work (1 blocked by bot protection, re-checked later)"
    assert reason_bn(s) == "সব লিংক কাজ করছে (১টি বট-সুরক্ষায় আটকে গেছে, পরে আবার দেখা হবে)"


def test_no_service_box_links_is_not_applicable_here_but_missing_in_presence(office):
    evaluate_at(office, at(2025, 10, 10))
    assert status(office, "service-box-links").status == "not_applicable"
    assert status(office, "service-box").status == "missing"
