"""Supervisors above the issuing office follow its directives read-only: the divisional
commissioner's office sees the directives of the DC offices of its division (status page,
letter, report as PDF and .xlsx, and a list of the directives of its area), cannot confirm,
waive, acknowledge, report or issue for them, and sees nothing outside its division. A
directive that comes from above shows a supervisor only the offices of their own area."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import timezone

from batayon.offices.models import Office, Tier
from batayon.oversight.models import DirectiveTarget, ItemConfirmation, TargetState, Waiver
from batayon.oversight.services import ItemSpec, issue_directive, refresh_targets

from .conftest import make_user, signed_in

pytestmark = pytest.mark.django_db


def union_of(dc: Office) -> Office:
    return Office.objects.filter(dc.supervision_q(), tier=Tier.UNION).order_by("pk").first()


@pytest.fixture
def khulna(kushtia_dc) -> Office:
    """The divisional commissioner's office above Kushtia's DC office."""
    return Office.objects.get(tier=Tier.DIVISION, area_id=kushtia_dc.division_id)


@pytest.fixture
def jhenaidah_dc(kushtia_dc) -> Office:
    """Another DC office of the same division: a sibling of Kushtia's."""
    return Office.objects.get(domain="jhenaidah.gov.bd")


@pytest.fixture
def divisional(khulna):
    return signed_in(make_user("khulna-div-supervisor", "supervisor", khulna))


@pytest.fixture
def dc_directive(rules, kushtia_dc, union_office):
    """Kushtia's DC office tells a union parishad to refresh its notice board and attend a
    workshop (an item no rule measures); the union reports it done."""
    directive = issue_directive(
        issuer=kushtia_dc, chosen=[union_office.pk], subject="ইউনিয়ন পরিষদের নোটিশ বোর্ড হালনাগাদ",
        memo_number="০৫.৪৪.৫০০০.০০১.০১.০০৭.২৫",
        items=[ItemSpec("নোটিশ বোর্ড", ("notices-fresh",)), ItemSpec("কর্মশালায় অংশগ্রহণ")], working_days=5,
    )
    return directive


@pytest.fixture
def elsewhere(rules):
    """A directive of a DC office in another division."""
    dc = Office.objects.filter(tier=Tier.DISTRICT).exclude(domain__endswith="kushtia.gov.bd").exclude(
        division__name_en__icontains="khulna").order_by("pk").first()
    return issue_directive(issuer=dc, chosen=[union_of(dc).pk], subject="অন্য বিভাগের নির্দেশনা",
                           items=[ItemSpec("নোটিশ বোর্ড", ("notices-fresh",))], working_days=5)


def test_the_divisional_supervisor_sees_a_dc_directive(dc_directive, divisional, union_office, kushtia_dc):
    # The union reports it done: the workshop, which no rule measures, now needs the issuer's
    # confirmation, and the issuer's own page offers the buttons (the control for the check below).
    DirectiveTarget.objects.filter(directive=dc_directive, office=union_office).update(
        acknowledged_at=timezone.now(), reported_at=timezone.now())
    refresh_targets([dc_directive.pk])
    issuer = signed_in(make_user("kushtia-dc-supervisor", "supervisor", kushtia_dc))
    assert "নিশ্চিত করুন" in issuer.get(dc_directive.get_absolute_url()).content.decode()
    listing = divisional.get("/oversight/area/")
    assert listing.status_code == 200
    assert f"/oversight/area/{dc_directive.pk}/" in listing.content.decode()
    assert dc_directive.subject in listing.content.decode()
    page = divisional.get(f"/oversight/area/{dc_directive.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert dc_directive.subject in html and union_office.name_bn in html and "কর্মশালায় অংশগ্রহণ" in html
    assert "নিশ্চিত করুন" not in html and "অব্যাহতি দিন" not in html  # nothing to act with
    pdf = divisional.get(f"/oversight/area/{dc_directive.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    letter = divisional.get(f"/oversight/area/{dc_directive.pk}/letter.pdf")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    xlsx = divisional.get(f"/oversight/area/{dc_directive.pk}/report.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)] == [union_office.name_bn]


def test_the_list_is_one_link_from_the_supervision_pages(divisional, khulna):
    page = divisional.get("/supervision/").content.decode()
    assert f'href="/oversight/area/?area={khulna.area_id}"' in page


def test_the_divisional_supervisor_cannot_act_on_it(dc_directive, divisional, kushtia_dc, union_office, editor):
    signed_in(editor, verified=False).post(f"/oversight/{union_office.domain}/inbox/{dc_directive.pk}/report/")
    target = DirectiveTarget.objects.get(directive=dc_directive)
    target.refresh_from_db()
    assert target.state == TargetState.CONTRADICTED
    workshop = dc_directive.items.get(text="কর্মশালায় অংশগ্রহণ")
    issuer = f"/oversight/{kushtia_dc.domain}/directives/"
    # the issuing office's own pages: refused
    assert divisional.get(issuer).status_code == 403
    # The issuer's link to the directive (from a letter or an e-mail) leads them to the read-only page.
    followed = divisional.get(f"{issuer}{dc_directive.pk}/")
    assert followed.status_code == 302 and followed["Location"] == f"/oversight/area/{dc_directive.pk}/"
    assert divisional.get(f"{issuer}new/").status_code == 403
    assert divisional.post(f"{issuer}new/", {"subject": "x", "issued_on": "2025-01-05"}).status_code == 403
    # confirming an item or waiving one: refused, nothing saved
    assert divisional.post(f"{issuer}{dc_directive.pk}/confirm/", {"target": target.pk, "item": workshop.pk}).status_code == 403
    waiver = {"target": target.pk, "item": workshop.pk, "justification": "বন্যা", "expires_on": "2099-01-01"}
    assert divisional.post(f"{issuer}{dc_directive.pk}/waive/", waiver).status_code == 403
    assert not ItemConfirmation.objects.exists() and not Waiver.objects.exists()
    # acknowledging or reporting for the union: refused
    inbox = f"/oversight/{union_office.domain}/inbox/{dc_directive.pk}/"
    assert divisional.post(inbox + "acknowledge/").status_code == 403
    assert divisional.post(inbox + "report/").status_code == 403
    # the area pages take no writes
    assert divisional.post(f"/oversight/area/{dc_directive.pk}/").status_code == 405
    # the DC office's own supervisor still confirms
    dc = signed_in(make_user("kushtia-dc-supervisor", "supervisor", kushtia_dc))
    assert dc.post(f"{issuer}{dc_directive.pk}/confirm/", {"target": target.pk, "item": workshop.pk}).status_code == 302
    assert ItemConfirmation.objects.filter(target=target, item=workshop).exists()


def test_nothing_outside_the_division(dc_directive, elsewhere, divisional):
    assert elsewhere.subject not in divisional.get("/oversight/area/").content.decode()
    for suffix in ("", "report.pdf", "report.xlsx", "letter.pdf"):
        assert divisional.get(f"/oversight/area/{elsewhere.pk}/{suffix}").status_code == 404, suffix
    # asking for another division's area is refused outright
    other_area = elsewhere.issuer.division_id
    assert divisional.get(f"/oversight/area/?area={other_area}").status_code == 403
    assert divisional.get(f"/oversight/area/{elsewhere.pk}/?area={other_area}").status_code == 403
    # the national administrator sees both
    admin = signed_in(make_user("national-admin", "admin", elsewhere.issuer))
    listing = admin.get("/oversight/area/").content.decode()
    assert elsewhere.subject in listing and dc_directive.subject in listing


def test_a_sibling_office_sees_nothing(dc_directive, jhenaidah_dc):
    editor = signed_in(make_user("jhenaidah-editor", "editor", jhenaidah_dc), verified=False)
    for url in ("/oversight/area/", f"/oversight/area/{dc_directive.pk}/", f"/oversight/area/{dc_directive.pk}/report.pdf",
                f"/oversight/area/{dc_directive.pk}/report.xlsx", dc_directive.get_absolute_url()):
        assert editor.get(url).status_code == 403, url
    # the sibling DC office's supervisor has an area of their own, without Kushtia's directive
    supervisor = signed_in(make_user("jhenaidah-supervisor", "supervisor", jhenaidah_dc))
    assert dc_directive.subject not in supervisor.get("/oversight/area/").content.decode()
    assert supervisor.get(f"/oversight/area/{dc_directive.pk}/").status_code == 404
    assert supervisor.get(dc_directive.get_absolute_url()).status_code == 403  # no way round through the issuer's link
    assert supervisor.get(f"/oversight/area/{dc_directive.pk}/report.xlsx").status_code == 404


def test_a_directive_from_above_shows_only_the_offices_of_the_area(rules, khulna, kushtia_dc, jhenaidah_dc,
                                                                    union_office, divisional):
    """The division tells a union of Kushtia and one of Jhenaidah: Kushtia's DC follows it for
    Kushtia only; the division sees both."""
    theirs = union_of(jhenaidah_dc)
    directive = issue_directive(issuer=khulna, chosen=[union_office.pk, theirs.pk], subject="বিভাগীয় নির্দেশনা",
                                items=[ItemSpec("নোটিশ বোর্ড", ("notices-fresh",))], working_days=5)
    dc = signed_in(make_user("kushtia-dc-supervisor", "supervisor", kushtia_dc))
    listing = dc.get("/oversight/area/").content.decode()
    assert directive.subject in listing
    page = dc.get(f"/oversight/area/{directive.pk}/").content.decode()
    assert union_office.name_bn in page and theirs.name_bn not in page
    sheet = openpyxl.load_workbook(io.BytesIO(dc.get(f"/oversight/area/{directive.pk}/report.xlsx").content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)] == [union_office.name_bn]
    both = divisional.get(f"/oversight/area/{directive.pk}/").content.decode()
    assert union_office.name_bn in both and theirs.name_bn in both
