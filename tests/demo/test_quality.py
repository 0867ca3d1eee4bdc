"""The demo's data is what real data must be: canonical phones, NFC text, real small files."""

from __future__ import annotations

import io
import shutil
import subprocess

import pikepdf
import pytest
from django.db import models
from PIL import Image

from batayon.bangla.digits import to_bangla_digits
from batayon.bangla.phone import is_mobile, normalise_phone
from batayon.bangla.text import nfc
from batayon.content.models import CONTENT_MODELS, DesignatedOfficer, Document, Officer, Service
from batayon.demo.loader import NO_ENGLISH_DOMAIN, demo_offices
from batayon.offices.models import Office


def text_values(obj: models.Model):
    for f in obj._meta.concrete_fields:
        if isinstance(f, (models.CharField, models.TextField)):
            value = getattr(obj, f.attname)
            if isinstance(value, str) and value:
                yield f.attname, value


def test_every_stored_phone_is_canonical(loaded):
    phones = []
    for officer in Officer.objects.all():
        if officer.mobile:
            assert is_mobile(officer.mobile), officer.mobile
        phones += [officer.mobile, officer.phone]
    phones += list(DesignatedOfficer.objects.values_list("external_phone", flat=True))
    phones += list(demo_offices().values_list("phone", flat=True))
    phones = [p for p in phones if p]
    assert len(phones) > 200
    for phone in phones:
        assert phone.startswith("+880") and normalise_phone(phone) == phone, phone


def test_every_text_is_nfc(loaded):
    checked = 0
    for model in CONTENT_MODELS:
        for obj in model.objects.all():
            for name, value in text_values(obj):
                assert nfc(value) == value, (model.__name__, obj.pk, name)
                checked += 1
    for office in demo_offices():
        for name, value in text_values(office):
            assert nfc(value) == value, (office.domain, name)
    assert checked > 5000


def test_english_is_present_wherever_bangla_is_except_the_documented_union(loaded):
    from modeltranslation.translator import translator

    for model in CONTENT_MODELS:
        fields = translator.get_options_for_model(model).fields
        for obj in model.objects.exclude(office__domain=NO_ENGLISH_DOMAIN):
            for name in fields:
                if getattr(obj, f"{name}_bn"):
                    assert getattr(obj, f"{name}_en"), (model.__name__, obj.office.domain, name)


def test_portraits_are_small_real_jpegs(loaded):
    officers = Officer.objects.exclude(photo="")
    assert officers.count() == Officer.objects.count() - 1  # one documented gap
    for officer in officers:
        path = loaded.media_root / officer.photo.name
        data = path.read_bytes()
        assert len(data) < 15 * 1024
        image = Image.open(io.BytesIO(data))
        assert image.format == "JPEG" and image.size == (192, 240)


def test_documents_are_small_real_pdfs_with_a_bangla_title(loaded):
    docs = list(Document.objects.all())
    assert len(docs) > 60
    for doc in docs:
        path = loaded.media_root / doc.file.name
        assert path.stat().st_size < 60 * 1024
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == 1
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    apa = Document.objects.filter(office__domain="kushtia.gov.bd", category="apa").first()
    text = subprocess.run(["pdftotext", str(loaded.media_root / apa.file.name), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Annual Performance Agreement" in text
    # Extraction of shaped Bangla splits some conjuncts; these words come back whole.
    assert "গণপ্রজাতন্ত্রী" in nfc(text)
    assert to_bangla_digits(apa.fiscal_year) in text


def test_service_links_are_absolute_and_box_items_have_one(loaded):
    for service in Service.objects.all():
        if service.in_service_box:
            assert service.link
        if service.link:
            assert service.link.startswith(("https://", "http://")), service.link
    links = set(Service.objects.values_list("link", flat=True))
    assert {"https://land.gov.bd/", "https://bdris.gov.bd/", "https://www.dcoffice.kushtia.gov.bd/"} <= links


def test_demo_emails_look_official(loaded):
    emails = [e for e in Officer.objects.filter(kind="officer").values_list("email", flat=True)]
    assert all(emails), "every officer has an official email"
    assert all(e.endswith(".gov.bd") for e in emails)
    assert Office.objects.get(domain="kushtia.gov.bd").email == "dckushtia@mopa.gov.bd"
