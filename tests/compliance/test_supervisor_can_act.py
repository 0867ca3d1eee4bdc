"""A supervisor on an office's checklist sees who to chase and a way back, and "ঠিক করুন"
only where they can act (``permissions.can``); elsewhere, what to ask the office (issue 13)."""

from batayon.content.models import Officer

from .conftest import make_officer, sign_in
from .test_supervision_views import upazilas, user_with  # noqa: F401  (fixture)


def test_supervisor_sees_contacts_back_link_and_no_dead_fix_links(client, upazilas):  # noqa: F811
    uno = upazilas[0]
    head = make_officer(uno, name_bn="মোছাঃ রাবেয়া খাতুন", name_en="Mst Rabeya Khatun", mobile="+8801711223344")
    editor = user_with("editor", uno, "uno-editor")
    editor.email = "editor@uno.gov.bd"
    editor.save()
    sign_in(client, user_with("supervisor", uno, "uno-sup"))
    body = client.get(f"/supervision/office/{uno.domain}/").content.decode()
    assert Officer.objects.filter(office=uno).head() == head
    assert "মোছাঃ রাবেয়া খাতুন" in body and "০১৭১১" in body
    assert "editor@uno.gov.bd" in body
    assert f'href="/supervision/?area={uno.upazila_id}"' in body
    # The notices are the office's to write: no link to a form the supervisor cannot use.
    assert f'href="/workspace/{uno.domain}/notices/"' not in body
    assert "অফিসকে ঠিক করতে বলুন" in body


def test_editor_keeps_the_fix_links(client, kushtia_dc, rules):
    make_officer(kushtia_dc)
    sign_in(client, user_with("editor", kushtia_dc, "ed3"))
    body = client.get("/supervision/office/kushtia.gov.bd/").content.decode()
    assert 'href="/workspace/kushtia.gov.bd/notices/"' in body
    assert "অফিসকে ঠিক করতে বলুন" not in body
    assert 'href="/workspace/kushtia.gov.bd/"' in body  # back to the workspace


def test_signed_in_user_and_sign_out_on_every_supervision_page(client, upazilas):  # noqa: F811
    sign_in(client, user_with("supervisor", upazilas[0], "uno-name"))
    for url in ("/supervision/", "/supervision/leagues/", f"/supervision/office/{upazilas[0].domain}/"):
        body = client.get(url).content.decode()
        assert "uno-name" in body, url
        assert 'action="/accounts/logout/"' in body and "প্রস্থান" in body, url
