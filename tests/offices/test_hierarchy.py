"""Both hierarchies: "everything under X" is one query over a materialised path."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from batayon.offices.models import Area, Office, Tier


def test_everything_under_a_district_is_one_query(kushtia_dc):
    kushtia = kushtia_dc.area
    with CaptureQueriesContext(connection) as queries:
        offices = list(Office.objects.in_area(kushtia))
    assert len(queries) == 1
    tiers = {o.tier for o in offices}
    assert {Tier.DISTRICT, Tier.UPAZILA, Tier.UNION, Tier.DISTRICT_FIELD, Tier.UPAZILA_FIELD} <= tiers
    unions = Area.objects.filter(level=Area.Level.UNION, path__startswith=kushtia.path).count()
    assert sum(o.tier == Tier.UNION for o in offices) == unions
    assert all(o.district_id == kushtia.pk for o in offices)


def test_dc_supervises_the_district_uno_supervises_the_upazila(kushtia_dc, union_office):
    uno = Office.objects.get(tier=Tier.UPAZILA, area=union_office.upazila)
    assert union_office.supervisor == uno
    assert uno.supervisor == kushtia_dc
    supervised_by_uno = Office.objects.supervised_by(uno)
    assert supervised_by_uno.filter(pk=union_office.pk).exists()
    assert not supervised_by_uno.filter(pk=kushtia_dc.pk).exists()
    assert Office.objects.supervised_by(kushtia_dc).filter(pk=union_office.pk).exists()


def test_organisational_tree_ministry_agency_field_office(db):
    moa = Office.objects.get(domain="moa.gov.bd")
    dae = Office.objects.get(domain="dae.gov.bd")
    field = Office.objects.get(domain="dae.kumarkhali.kushtia.gov.bd")
    assert dae.org_parent == moa and field.org_parent == dae
    assert field.ministry == moa and field.agency == dae
    assert field.org_path.startswith(dae.org_path) and dae.org_path.startswith(moa.org_path)
    under_dae = Office.objects.under_org(dae)
    assert under_dae.filter(pk=field.pk).exists()
    assert under_dae.filter(tier=Tier.UPAZILA_FIELD).count() == 494
    # A ministry supervises its agencies' offices, not other ministries'.
    assert not Office.objects.supervised_by(moa).filter(domain="lged.kumarkhali.kushtia.gov.bd").exists()


def test_geographic_offices_sit_under_their_ministries(kushtia_dc, union_office):
    assert kushtia_dc.ministry.domain == "mopa.gov.bd"
    assert union_office.ministry.domain == "lgd.gov.bd"


def test_saving_a_new_office_fills_its_paths(db):
    dae = Office.objects.get(domain="dae.gov.bd")
    kumarkhali = Area.objects.get(level=Area.Level.UPAZILA, name_en="Kumarkhali")
    office = Office.objects.create(
        tier=Tier.UPAZILA_FIELD, name_bn="নতুন দপ্তর", name_en="New office", domain="https://www.New.Kumarkhali.kushtia.gov.bd/",
        area=kumarkhali, org_parent=dae,
    )
    office.refresh_from_db()
    assert office.domain == "new.kumarkhali.kushtia.gov.bd"
    assert office.org_path == f"{dae.org_path}{office.pk}/"
    assert office.geo_path == kumarkhali.path
    assert office.district == kumarkhali.parent and office.agency == dae and office.ministry == dae.ministry
