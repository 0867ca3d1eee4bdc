"""Search benchmark on PostgreSQL with a synthetic national dataset.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/batayon_bench_search python bench/search.py

Creates the database if needed, loads the registry (~17,500 real offices) and indexes them,
then — if the index holds fewer than ``BENCH_DOCS`` (default 1,000,000) documents — fills it
set-based (one ``INSERT … SELECT … generate_series`` per kind) with officers, services and
notices of those offices, their names, designations, services and notice titles drawn from
realistic Bangla lists. Then it runs ~500 queries as a call-centre agent types them, through
the same ``search()`` the API uses, and prints ``docs=<n> p50_ms=<x> p95_ms=<y>``.
Not part of the test suite.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/batayon_bench_search"
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("BATAYON_DATA_DIR", "/tmp/batayon-bench-search")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batayon.settings")
TARGET = int(os.environ.get("BENCH_DOCS", "1000000"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "500"))

FIRST = [
    "মোঃ আব্দুর",
    "মোহাম্মদ আবুল",
    "মোছাঃ শারমিন",
    "নুসরাত",
    "তানভীর",
    "ফারহানা",
    "মাহমুদুল",
    "রাশেদুল",
    "সাবরিনা",
    "কামরুল",
    "শাহনাজ",
    "মিজানুর",
    "আনিসুর",
    "জান্নাতুল",
    "হাবিবুর",
    "নাসরিন",
    "রফিকুল",
    "সুমাইয়া",
    "মাসুদ",
    "তাহমিনা",
    "জাহিদুল",
    "রুবিনা",
    "আরিফুল",
    "শামীমা",
    "মনিরুজ্জামান",
    "লুৎফর",
    "ইসরাত",
    "সাইফুল",
    "দিলরুবা",
    "তৌহিদুল",
    "নাজমুল",
    "ফাহমিদা",
    "আশরাফুল",
    "রেহানা",
    "শফিকুল",
    "মাহফুজা",
    "খালেদ",
    "পারভীন",
    "সঞ্জয়",
    "অনিতা",
]
LAST = [
    "রহমান",
    "ইসলাম",
    "হোসেন",
    "আক্তার",
    "খাতুন",
    "আলম",
    "হক",
    "উদ্দিন",
    "কবির",
    "জাহান",
    "সরকার",
    "চৌধুরী",
    "মিয়া",
    "বেগম",
    "হাসান",
    "আহমেদ",
    "তালুকদার",
    "মজুমদার",
    "বিশ্বাস",
    "দাস",
    "পাল",
    "রায়",
    "শেখ",
    "মোল্লা",
    "ভূঁইয়া",
    "সিদ্দিকী",
    "খান",
    "করিম",
    "আজাদ",
    "নাহার",
]
FIRST_EN = [
    "Md. Abdur",
    "Mohammad Abul",
    "Mst. Sharmin",
    "Nusrat",
    "Tanvir",
    "Farhana",
    "Mahmudul",
    "Rashedul",
    "Sabrina",
    "Kamrul",
    "Shahnaz",
    "Mizanur",
    "Anisur",
    "Jannatul",
    "Habibur",
    "Nasrin",
    "Rafiqul",
    "Sumaiya",
    "Masud",
    "Tahmina",
    "Jahidul",
    "Rubina",
    "Ariful",
    "Shamima",
    "Moniruzzaman",
    "Lutfar",
    "Israt",
    "Saiful",
    "Dilruba",
    "Touhidul",
    "Nazmul",
    "Fahmida",
    "Ashraful",
    "Rehana",
    "Shafiqul",
    "Mahfuza",
    "Khaled",
    "Parvin",
    "Sanjoy",
    "Anita",
]
LAST_EN = [
    "Rahman",
    "Islam",
    "Hossain",
    "Akter",
    "Khatun",
    "Alam",
    "Haque",
    "Uddin",
    "Kabir",
    "Jahan",
    "Sarkar",
    "Chowdhury",
    "Mia",
    "Begum",
    "Hasan",
    "Ahmed",
    "Talukder",
    "Majumder",
    "Biswas",
    "Das",
    "Pal",
    "Roy",
    "Sheikh",
    "Molla",
    "Bhuiyan",
    "Siddiqui",
    "Khan",
    "Karim",
    "Azad",
    "Nahar",
]
DESIGNATIONS = [
    ("উপজেলা নির্বাহী অফিসার", "Upazila Nirbahi Officer"),
    ("সহকারী কমিশনার (ভূমি)", "Assistant Commissioner (Land)"),
    ("জেলা প্রশাসক", "Deputy Commissioner"),
    ("অতিরিক্ত জেলা প্রশাসক (সার্বিক)", "Additional Deputy Commissioner"),
    ("উপজেলা কৃষি অফিসার", "Upazila Agriculture Officer"),
    ("উপজেলা স্বাস্থ্য ও পরিবার পরিকল্পনা কর্মকর্তা", "UH&FPO"),
    ("উপজেলা প্রকৌশলী", "Upazila Engineer"),
    ("উপজেলা সমাজসেবা অফিসার", "Upazila Social Services Officer"),
    ("উপজেলা শিক্ষা অফিসার", "Upazila Education Officer"),
    ("উপজেলা মৎস্য কর্মকর্তা", "Upazila Fisheries Officer"),
    ("উপজেলা প্রাণিসম্পদ কর্মকর্তা", "Upazila Livestock Officer"),
    ("উপজেলা নির্বাচন অফিসার", "Upazila Election Officer"),
    ("প্রশাসনিক কর্মকর্তা", "Administrative Officer"),
    ("অফিস সহকারী কাম কম্পিউটার মুদ্রাক্ষরিক", "Office Assistant"),
    ("হিসাবরক্ষক", "Accountant"),
    ("চেয়ারম্যান", "Chairman"),
    ("ইউনিয়ন পরিষদ সচিব", "UP Secretary"),
    ("উপপরিচালক", "Deputy Director"),
    ("সহকারী পরিচালক", "Assistant Director"),
    ("সিনিয়র সহকারী সচিব", "Senior Assistant Secretary"),
    ("অফিস সহায়ক", "Office Support Staff"),
    ("গাড়িচালক", "Driver"),
    ("নিরাপত্তা প্রহরী", "Security Guard"),
    ("উচ্চমান সহকারী", "Upper Division Assistant"),
]
SERVICES = [
    ("জন্ম নিবন্ধন", "Birth registration"),
    ("মৃত্যু নিবন্ধন", "Death registration"),
    ("ট্রেড লাইসেন্স", "Trade licence"),
    ("নাগরিকত্ব সনদ", "Citizenship certificate"),
    ("ওয়ারিশ সনদ", "Succession certificate"),
    ("ভূমি উন্নয়ন কর", "Land development tax"),
    ("নামজারি", "Mutation"),
    ("খতিয়ানের সার্টিফাইড কপি", "Certified copy of record"),
    ("বয়স্ক ভাতা", "Old age allowance"),
    ("বিধবা ভাতা", "Widow allowance"),
    ("প্রতিবন্ধী ভাতা", "Disability allowance"),
    ("কৃষি পরামর্শ", "Agricultural advice"),
    ("সার ও বীজ বিতরণ", "Fertiliser and seed distribution"),
    ("টিকাদান", "Vaccination"),
    ("মাতৃত্বকালীন ভাতা", "Maternity allowance"),
    ("ভিজিডি কার্ড", "VGD card"),
    ("অভিযোগ গ্রহণ", "Complaints"),
    ("তথ্য প্রদান", "Right to information"),
    ("পাসপোর্ট তথ্য", "Passport information"),
    ("জাতীয় পরিচয়পত্র সংশোধন", "NID correction"),
    ("মৎস্য চাষ প্রশিক্ষণ", "Fish farming training"),
    ("গবাদিপশুর চিকিৎসা", "Livestock treatment"),
    ("শিক্ষাবৃত্তি", "Stipend"),
    ("হাট-বাজার ইজারা", "Market lease"),
    ("খাস জমি বন্দোবস্ত", "Khas land settlement"),
    ("আর্সেনিক পরীক্ষা", "Arsenic testing"),
    ("নলকূপ স্থাপন", "Tube-well installation"),
    ("দুর্যোগ ত্রাণ", "Disaster relief"),
    ("সালিশি বোর্ড", "Arbitration board"),
    ("পারিবারিক বিরোধ নিষ্পত্তি", "Family dispute resolution"),
]
NOTICES = [
    ("জরুরি সভার নোটিশ", "Notice of an urgent meeting"),
    ("টেন্ডার বিজ্ঞপ্তি", "Tender notice"),
    ("নিয়োগ বিজ্ঞপ্তি", "Recruitment notice"),
    ("ছুটি সংক্রান্ত বিজ্ঞপ্তি", "Holiday notice"),
    ("জন্ম নিবন্ধন ক্যাম্প", "Birth registration camp"),
    ("ভূমি মেলা", "Land fair"),
    ("টিকা কার্যক্রম", "Vaccination campaign"),
    ("বন্যা সতর্কতা", "Flood warning"),
    ("মাসিক সমন্বয় সভা", "Monthly coordination meeting"),
    ("বৃক্ষরোপণ কর্মসূচি", "Tree-planting programme"),
    ("শুদ্ধাচার পুরস্কার", "Integrity award"),
    ("গণশুনানি", "Public hearing"),
]


def ensure_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}", file=sys.stderr)


def sql_array(values: list[str]) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]::text[]"


def fill(cursor, target: int) -> None:
    """Officers (70%), services (20%) and notices (10%) of the real offices, set-based."""
    from batayon.api.normalise import terms_text

    def terms(values):
        return sql_array([terms_text(*v) for v in values])

    first_t = sql_array([terms_text(b, e) for b, e in zip(FIRST, FIRST_EN, strict=True)])
    last_t = sql_array([terms_text(b, e) for b, e in zip(LAST, LAST_EN, strict=True)])
    common = """
        WITH o AS (SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, domain, district_id, upazila_id,
                          name_bn, name_en FROM offices_office),
             n AS (SELECT count(*) AS c FROM offices_office),
             ctx AS (SELECT office_id, context_terms FROM api_searchdocument WHERE kind = 'office')
    """
    cursor.execute("SELECT kind, count(*) FROM api_searchdocument GROUP BY kind")
    have = dict(cursor.fetchall())
    plan = [("officer", int(target * 0.7)), ("service", int(target * 0.2)), ("notice", int(target * 0.1))]
    for kind, wanted in plan:
        start = have.get(kind, 0)
        if start >= wanted:
            continue
        t0 = time.monotonic()
        if kind == "officer":
            select = f"""
                SELECT 'officer', 100000000 + g, o.id, o.district_id, o.upazila_id,
                  ({first_t})[1 + g % {len(FIRST)}] || ' ' || ({last_t})[1 + (g / {len(FIRST)}) % {len(LAST)}],
                  ({terms(DESIGNATIONS)})[1 + (g / 7) % {len(DESIGNATIONS)}] || ' 01' || (3 + g % 7) || lpad((g % 100000000)::text, 8, '0')
                      || ' 8801' || (3 + g % 7) || lpad((g % 100000000)::text, 8, '0')
                      || ' 1' || (3 + g % 7) || lpad((g % 100000000)::text, 8, '0'),
                  ctx.context_terms, '',
                  jsonb_build_object(
                    'title', jsonb_build_object('bn', ({sql_array(FIRST)})[1 + g % {len(FIRST)}] || ' ' || ({sql_array(LAST)})[1 + (g / {len(FIRST)}) % {len(LAST)}],
                                                'en', ({sql_array(FIRST_EN)})[1 + g % {len(FIRST)}] || ' ' || ({sql_array(LAST_EN)})[1 + (g / {len(FIRST)}) % {len(LAST)}]),
                    'subtitle', jsonb_build_object('bn', ({sql_array([d[0] for d in DESIGNATIONS])})[1 + (g / 7) % {len(DESIGNATIONS)}],
                                                   'en', ({sql_array([d[1] for d in DESIGNATIONS])})[1 + (g / 7) % {len(DESIGNATIONS)}]),
                    'office', jsonb_build_object('domain', o.domain, 'name', jsonb_build_object('bn', o.name_bn, 'en', o.name_en)),
                    'phones', jsonb_build_array('+8801' || (3 + g % 7) || lpad((g % 100000000)::text, 8, '0')),
                    'officer_kind', 'officer', 'is_head_of_office', g % 12 = 0, 'roles', '[]'::jsonb,
                    'sort_order', g % 40, 'url', '/o/' || o.domain || '/bn/officers/'),
                  now()"""
        elif kind == "service":
            select = f"""
                SELECT 'service', 100000000 + g, o.id, o.district_id, o.upazila_id,
                  ({terms(SERVICES)})[1 + g % {len(SERVICES)}], 'নাগরিক সেবা ৭ কার্যদিবস', ctx.context_terms,
                  'আবেদন ফরম জাতীয় পরিচয়পত্রের কপি ছবি বিনামূল্যে',
                  jsonb_build_object(
                    'title', jsonb_build_object('bn', ({sql_array([s[0] for s in SERVICES])})[1 + g % {len(SERVICES)}],
                                                'en', ({sql_array([s[1] for s in SERVICES])})[1 + g % {len(SERVICES)}]),
                    'subtitle', jsonb_build_object('bn', o.name_bn, 'en', o.name_en),
                    'office', jsonb_build_object('domain', o.domain, 'name', jsonb_build_object('bn', o.name_bn, 'en', o.name_en)),
                    'phones', '[]'::jsonb, 'url', '/o/' || o.domain || '/bn/services/'),
                  now()"""
        else:
            select = f"""
                SELECT 'notice', 100000000 + g, o.id, o.district_id, o.upazila_id,
                  ({terms(NOTICES)})[1 + g % {len(NOTICES)}], '', ctx.context_terms,
                  'সংশ্লিষ্ট সকলকে যথাসময়ে উপস্থিত থাকার জন্য অনুরোধ করা হলো',
                  jsonb_build_object(
                    'title', jsonb_build_object('bn', ({sql_array([s[0] for s in NOTICES])})[1 + g % {len(NOTICES)}],
                                                'en', ({sql_array([s[1] for s in NOTICES])})[1 + g % {len(NOTICES)}]),
                    'subtitle', jsonb_build_object('bn', o.name_bn, 'en', o.name_en),
                    'office', jsonb_build_object('domain', o.domain, 'name', jsonb_build_object('bn', o.name_bn, 'en', o.name_en)),
                    'phones', '[]'::jsonb, 'publish_date', (current_date - (g % 365))::text, 'archive_date', null,
                    'url', '/o/' || o.domain || '/bn/notices/'),
                  now()"""
        cursor.execute(f"""
            INSERT INTO api_searchdocument (kind, object_id, office_id, district_id, upazila_id, name_terms,
                main_terms, context_terms, body_terms, data, updated_at)
            {common}
            {select}
            FROM generate_series({start + 1}, {wanted}) AS g
            CROSS JOIN n
            JOIN o ON o.i = (g::bigint * 7919) % n.c
            JOIN ctx ON ctx.office_id = o.id
        """)
        print(f"inserted {wanted - start} {kind} documents in {time.monotonic() - t0:.0f}s", file=sys.stderr)
    # The vocabulary learns the new words (names, designations, services, notice titles).
    words = set()
    for column in (first_t, last_t, terms(DESIGNATIONS), terms(SERVICES), terms(NOTICES)):
        cursor.execute(f"SELECT unnest({column})")
        for (text,) in cursor.fetchall():
            words.update(w for w in text.split() if len(w) >= 3 and not w.isdigit())
    cursor.executemany(
        "INSERT INTO api_searchterm (term) VALUES (%s) ON CONFLICT DO NOTHING", [(w,) for w in words]
    )


def queries(n: int, rng: random.Random) -> list[str]:
    from batayon.bangla.digits import to_bangla_digits
    from batayon.offices.models import Area

    districts = list(Area.objects.filter(level=2).values_list("name_bn", "name_en"))
    upazilas = list(Area.objects.filter(level=3).values_list("name_bn", "name_en"))

    def misspell(word: str) -> str:
        letters = "কখগঘচছজঝটঠডতথদধনপফবভমযরলসহ"
        i = rng.randrange(1, len(word))
        return word[:i] + rng.choice(letters) + word[i + 1 :]

    templates = [
        lambda: f"{rng.choice(districts)[0]} ইউএনও ফোন",
        lambda: f"{rng.choice(upazilas)[1].lower()} uno",
        lambda: f"{rng.choice(upazilas)[0]} {rng.choice(DESIGNATIONS)[0]}",
        lambda: f"{rng.choice(SERVICES)[0]} সেবা",
        lambda: f"{rng.choice(SERVICES)[0]} {rng.choice(upazilas)[0]}",
        lambda: f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        lambda: f"{rng.choice(FIRST)} {misspell(rng.choice(LAST))} {rng.choice(districts)[0]}",
        lambda: to_bangla_digits(f"01{rng.randrange(3, 10)}{rng.randrange(0, 10**8):08d}"),
        lambda: f"{rng.choice(districts)[1].lower()} dc",
        lambda: f"{rng.choice(NOTICES)[0]} {rng.choice(districts)[0]}",
        lambda: f"{rng.choice(upazilas)[1].lower()}",
        lambda: f"{rng.choice(districts)[0]} জেলা প্রশাসক মোবাইল নম্বর",
    ]
    return [rng.choice(templates)() for _ in range(n)]


def main() -> None:
    url = os.environ["DATABASE_URL"]
    if not url.startswith("postgres"):
        sys.exit("bench/search.py needs PostgreSQL: set DATABASE_URL=postgres://…")
    ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from batayon.api.index import reindex
    from batayon.api.models import SearchDocument
    from batayon.api.search import search
    from batayon.offices.models import Office
    from batayon.offices.registry import load_geography, load_offices

    call_command("migrate", verbosity=0)
    if Office.objects.count() < 17000:
        load_geography()
        load_offices()
    if not SearchDocument.objects.filter(kind="office").exists():
        reindex()
    if SearchDocument.objects.count() < TARGET:
        with connection.cursor() as cursor:
            # Filling is faster without the full-text index; it is rebuilt once at the end.
            cursor.execute("DROP INDEX IF EXISTS api_searchdocument_vector")
            fill(cursor, TARGET)
            t0 = time.monotonic()
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute(
                "CREATE INDEX api_searchdocument_vector ON api_searchdocument USING gin (search_vector)"
            )
            cursor.execute("ANALYZE api_searchdocument")
            cursor.execute("ANALYZE api_searchterm")
            print(f"built the full-text index in {time.monotonic() - t0:.0f}s", file=sys.stderr)
    with connection.cursor() as cursor:
        # The index is rebuilt an office at a time in production, so an office's documents sit
        # together on disk; generate_series scattered them. Put them back together, once.
        cursor.execute(
            "SELECT count(*) FROM pg_index WHERE indrelid = 'api_searchdocument'::regclass AND indisclustered"
        )
        if not cursor.fetchone()[0]:
            t0 = time.monotonic()
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'api_searchdocument' "
                "AND indexdef LIKE '%%(office_id, kind)%%'"
            )
            cursor.execute(f"CLUSTER api_searchdocument USING {cursor.fetchone()[0]}")
            cursor.execute("ANALYZE api_searchdocument")
            print(f"clustered by office in {time.monotonic() - t0:.0f}s", file=sys.stderr)
    docs = SearchDocument.objects.count()
    rng = random.Random(333)
    qs = queries(QUERIES, rng)
    for q in qs[:20]:  # warm the caches the way a running server has them warm
        search(q)
    timings = []
    slowest: list[tuple[float, str, int]] = []
    for q in qs:
        t0 = time.perf_counter()
        _, hits = search(q)
        elapsed = (time.perf_counter() - t0) * 1000
        timings.append(elapsed)
        slowest.append((elapsed, q, len(hits)))
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    for elapsed, q, n in sorted(slowest, reverse=True)[:8]:
        print(f"  slow: {elapsed:.1f} ms  hits={n}  {q}", file=sys.stderr)
    print(json.dumps({"queries": len(timings), "max_ms": round(timings[-1], 1)}), file=sys.stderr)
    print(f"docs={docs} p50_ms={p50:.1f} p95_ms={p95:.1f}")


if __name__ == "__main__":
    main()
