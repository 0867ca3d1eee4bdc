"""Onboarding: ``batayon adduser`` for one account or a whole district from CSV."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from batayon.accounts.models import Membership

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("adduser", *args, stdout=out)
    return out.getvalue()


def test_creates_then_updates_an_account(union_office):
    out = run("--office", union_office.domain, "--role", "editor", "--username", "hatash")
    assert "তৈরি হয়েছে" in out and "পাসওয়ার্ড:" in out
    generated = out.split("পাসওয়ার্ড:")[1].split()[0]
    user = get_user_model().objects.get(username="hatash")
    assert user.check_password(generated)
    out = run("--office", "https://www.Kushtia.gov.bd/", "--role", "head", "--username", "hatash",
              "--password", "another-strong-pass-9", "--email", "h@example.gov.bd")
    assert "হালনাগাদ হয়েছে" in out and "পাসওয়ার্ড:" not in out
    user.refresh_from_db()
    assert user.check_password("another-strong-pass-9") and user.email == "h@example.gov.bd"
    assert set(Membership.objects.filter(user=user).values_list("office__domain", "role")) == {
        (union_office.domain, "editor"), ("kushtia.gov.bd", "head")}


def test_unknown_office_is_refused_in_bangla(db):
    with pytest.raises(CommandError, match="নিবন্ধনে পাওয়া যায়নি"):
        run("--office", "nowhere.gov.bd", "--role", "editor", "--username", "x")


def test_csv_for_a_district_all_or_nothing(tmp_path, union_office):
    good = tmp_path / "good.csv"
    good.write_text(
        "\ufeffusername,email,office_domain,role,password\n"
        f"up-hatash,up@example.gov.bd,{union_office.domain},editor,\n"
        "dc-head,,kushtia.gov.bd,দপ্তর প্রধান,a-very-strong-pass-7\n"
        "uno-sadar,,kushtiasadar.kushtia.gov.bd,supervisor,\n",
        encoding="utf-8",
    )
    out = run("--csv", str(good))
    assert "মোট ৩টি" in out
    assert Membership.objects.get(user__username="dc-head").role == "head"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "username,email,office_domain,role\n"
        "new-one,,kushtia.gov.bd,editor\n"
        "new-two,not-an-email,kushtia.gov.bd,editor\n"
        "new-one,,nowhere.gov.bd,boss\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as exc:
        run("--csv", str(bad))
    message = str(exc.value)
    assert "সারি ৩: ই-মেইল “not-an-email” সঠিক নয়" in message
    assert "সারি ৪" in message and "ফাইলে আগেও আছে" in message and "ভূমিকা “boss” অজানা" in message
    assert not get_user_model().objects.filter(username__startswith="new-").exists()
