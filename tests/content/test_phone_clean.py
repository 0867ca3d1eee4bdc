"""Phones are stored in one canonical form; a bad one is a form error in Bangla, on its field."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from batayon.content.models import DesignatedOfficer, Officer

pytestmark = pytest.mark.django_db


def test_bangla_digits_and_dashes_are_normalised(kushtia_dc):
    o = Officer(office=kushtia_dc, name_bn="ক", designation_bn="খ", mobile="০১৭১১-৬১৮৩৬৮", phone="")
    o.clean()
    assert o.mobile == "+8801711618368" and o.phone == ""


def test_a_bad_phone_is_refused_in_bangla_on_its_field(kushtia_dc):
    o = Officer(office=kushtia_dc, name_bn="ক", designation_bn="খ", phone="১২৩")
    with pytest.raises(ValidationError) as exc:
        o.clean()
    (message,) = exc.value.message_dict["phone"]
    assert "ফোন নম্বর" in message


def test_an_external_authority_phone_too(kushtia_dc):
    d = DesignatedOfficer(office=kushtia_dc, scheme="rti", role="appeal", external_name="ক", external_phone="১২৩")
    with pytest.raises(ValidationError) as exc:
        d.clean()
    assert "external_phone" in exc.value.message_dict
