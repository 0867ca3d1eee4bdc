"""Building the search index: a document per officer, service, notice and office.

Documents are rebuilt per office and per kind (delete + one bulk insert), never row by row
across offices. ``reindex()`` rebuilds everything in batches; ``api.signals`` keeps
an office's documents current after each committed change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.html import strip_tags

from batayon.bangla.phone import InvalidPhone, normalise_phone
from batayon.content.models import DesignatedOfficer, Notice, Officer, Service
from batayon.offices.models import Office, Tier
from batayon.portal.links import portal_url

from .models import SearchDocument, SearchTerm
from .normalise import phone_forms, terms, terms_text

BODY_CHARS = 2000
BATCH = 2000
_DIGITS = re.compile(r"^\d+$")


def bi(bn: str | None, en: str | None) -> dict[str, str]:
    """A bilingual value as the API shows it."""
    return {"bn": bn or "", "en": en or ""}


def bi_label(label: Any) -> dict[str, str]:
    """An interface label (a lazy gettext string, e.g. a TextChoices label) in both languages."""
    out = {}
    for lang in ("bn", "en"):
        with translation.override(lang):
            out[lang] = str(label)
    return out


def tier_label(tier: str) -> dict[str, str]:
    return bi_label(Tier(tier).label)


def canonical_phone(value: str) -> str:
    try:
        return normalise_phone(value) if value else ""
    except InvalidPhone:
        return ""


@dataclass
class OfficeContext:
    """What every document of an office says about where it is."""

    office: Office
    terms: str
    summary: dict

    @classmethod
    def of(cls, office: Office) -> OfficeContext:
        places: list[str] = []
        for area in (office.division, office.district, office.upazila, office.area):
            if area is not None:
                places += [area.name_bn, area.name_en]
        parent = office.agency if office.agency_id and office.agency_id != office.pk else None
        if parent is not None:
            places += [parent.name_bn, parent.name_en]
        return cls(
            office=office,
            terms=terms_text(office.name_bn, office.name_en, *places),
            summary={"domain": office.domain, "name": bi(office.name_bn, office.name_en)},
        )


def offices_with_context() -> QuerySet[Office]:
    return Office.objects.select_related("division", "district", "upazila", "area", "agency")


def _document(ctx: OfficeContext, kind: str, object_id: int, *, name: Iterable[str], main: Iterable[str] = (),
              body: Iterable[str] = (), phones: Iterable[str] = (), data: dict) -> SearchDocument:
    phone_terms = [form for phone in phones if phone for form in phone_forms(phone)]
    office = ctx.office
    return SearchDocument(
        kind=kind, object_id=object_id, office_id=office.pk, district_id=office.district_id,
        upazila_id=office.upazila_id,
        name_terms=terms_text(*name),
        main_terms=" ".join(dict.fromkeys(terms(*main) + phone_terms)),
        context_terms=ctx.terms,
        body_terms=terms_text(*body)[: BODY_CHARS * 2],
        data={"office": ctx.summary, **data},
        updated_at=timezone.now(),
    )


def officer_documents(ctx: OfficeContext, officers: list[Officer], roles: dict[int, list[str]]) -> list[SearchDocument]:
    """Documents for an office's current officers; ``roles`` maps officer id → RTI/GRS roles."""
    head = next((o.pk for o in sorted(officers, key=lambda o: (o.sort_order, o.pk)) if o.kind == "officer"), None)
    section = {"officer": "officers", "staff": "staff"}
    docs = []
    for o in officers:
        officer_roles = roles.get(o.pk, [])
        role_names = [
            name
            for r in officer_roles
            if tuple(r.split(":", 1)) in DesignatedOfficer.ROLE_LABELS
            for name in bi_label(DesignatedOfficer.ROLE_LABELS[tuple(r.split(":", 1))]).values()
        ]
        phones = [p for p in (canonical_phone(o.mobile), canonical_phone(o.phone)) if p]
        docs.append(_document(
            ctx, SearchDocument.Kind.OFFICER, o.pk,
            name=[o.name_bn, o.name_en],
            main=[o.designation_bn, o.designation_en, o.section_name_bn, o.section_name_en, *role_names],
            phones=phones,
            data={
                "title": bi(o.name_bn, o.name_en), "subtitle": bi(o.designation_bn, o.designation_en),
                "phones": phones, "email": o.email, "officer_kind": o.kind, "is_head_of_office": o.pk == head,
                "roles": officer_roles, "sort_order": o.sort_order,
                "url": portal_url(ctx.office, "section", "bn", section.get(o.kind, "officers")),
            },
        ))
    return docs


def service_document(ctx: OfficeContext, s: Service) -> SearchDocument:
    officer = s.responsible_officer
    phones = [p for p in ((canonical_phone(officer.mobile) or canonical_phone(officer.phone)) if officer else "",) if p]
    return _document(
        ctx, SearchDocument.Kind.SERVICE, s.pk,
        name=[s.name_bn, s.name_en],
        main=[s.get_audience_display(), s.time_limit_bn, s.time_limit_en],
        body=[s.delivery_method_bn, s.delivery_method_en, s.required_documents_bn, s.required_documents_en,
              s.fee_bn, s.fee_en],
        data={
            "title": bi(s.name_bn, s.name_en), "subtitle": bi(ctx.office.name_bn, ctx.office.name_en),
            "phones": phones, "link": s.link, "eservice_status": s.eservice_status,
            "url": portal_url(ctx.office, "section", "bn", "services"),
        },
    )


def notice_document(ctx: OfficeContext, n: Notice) -> SearchDocument:
    return _document(
        ctx, SearchDocument.Kind.NOTICE, n.pk,
        name=[n.title_bn, n.title_en],
        main=[n.memo_number],
        body=[strip_tags(n.body_bn or "")[:BODY_CHARS], strip_tags(n.body_en or "")[:BODY_CHARS]],
        data={
            "title": bi(n.title_bn, n.title_en), "subtitle": bi(ctx.office.name_bn, ctx.office.name_en),
            "phones": [], "publish_date": n.publish_date.isoformat(),
            "archive_date": n.archive_date.isoformat() if n.archive_date else None,
            "url": portal_url(ctx.office, "notice", "bn", n.pk),
        },
    )


def office_document(ctx: OfficeContext) -> SearchDocument:
    office = ctx.office
    phone = canonical_phone(office.phone)
    return _document(
        ctx, SearchDocument.Kind.OFFICE, office.pk,
        name=[office.name_bn, office.name_en],
        main=[*tier_label(office.tier).values(), office.domain],
        phones=[phone] if phone else [],
        data={
            "title": bi(office.name_bn, office.name_en),
            "subtitle": tier_label(office.tier),
            "phones": [phone] if phone else [], "email": office.email, "url": portal_url(office),
        },
    )


def roles_by_officer(office_ids: Iterable[int] | None = None) -> dict[int, list[str]]:
    qs = DesignatedOfficer.objects.published().filter(officer__isnull=False)
    if office_ids is not None:
        qs = qs.filter(office_id__in=list(office_ids))
    roles: dict[int, list[str]] = {}
    for officer_id, scheme, role in qs.values_list("officer_id", "scheme", "role"):
        roles.setdefault(officer_id, []).append(f"{scheme}:{role}")
    return roles


def documents_for_office(office: Office) -> list[SearchDocument]:
    """Every document of one office, built from its published content."""
    ctx = OfficeContext.of(office)
    officers = list(Officer.objects.of(office).current())
    docs = officer_documents(ctx, officers, roles_by_officer([office.pk]))
    services = Service.objects.published().of(office).select_related("responsible_officer")
    docs += [service_document(ctx, s) for s in services]
    docs += [notice_document(ctx, n) for n in Notice.objects.published().of(office)]
    docs.append(office_document(ctx))
    return docs


def remember_terms(docs: Iterable[SearchDocument], seen: set[str] | None = None) -> None:
    """Add the documents' words to the vocabulary: where typos are corrected, and how a
    word nobody has written (an extra word an agent typed) is recognised and dropped."""
    vocabulary: set[str] = set()
    for doc in docs:
        for column in (doc.name_terms, doc.main_terms, doc.context_terms, doc.body_terms):
            vocabulary.update(t for t in column.split() if 3 <= len(t) <= 100 and not _DIGITS.match(t))
    if seen is not None:
        vocabulary -= seen
        seen |= vocabulary
    if vocabulary:
        SearchTerm.objects.bulk_create([SearchTerm(term=t) for t in sorted(vocabulary)],
                                       ignore_conflicts=True, batch_size=BATCH)


def replace_documents(office_id: int, docs: list[SearchDocument], kinds: Iterable[str] | None = None) -> None:
    with transaction.atomic():
        old = SearchDocument.objects.filter(office_id=office_id)
        if kinds is not None:
            old = old.filter(kind__in=list(kinds))
        old.delete()
        SearchDocument.objects.bulk_create(docs, batch_size=BATCH)
        remember_terms(docs)


def reindex_office(office_id: int) -> int:
    """Rebuild every document of one office (after the office itself changed)."""
    office = offices_with_context().filter(pk=office_id).first()
    if office is None:
        SearchDocument.objects.filter(office_id=office_id).delete()
        return 0
    docs = documents_for_office(office)
    replace_documents(office_id, docs)
    return len(docs)


def _batched(items: Iterable[SearchDocument]) -> Iterator[list[SearchDocument]]:
    batch: list[SearchDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _all_documents(contexts: dict[int, OfficeContext]) -> Iterator[SearchDocument]:
    """Every document of the given offices, one streamed query per kind."""
    ids = list(contexts) if len(contexts) < 900 else None  # a whole-country run needs no IN list

    def of(qs):
        return qs.filter(office_id__in=ids) if ids is not None else qs

    roles = roles_by_officer(ids)
    by_office: dict[int, list[Officer]] = {}
    for officer in of(Officer.objects.current()).order_by("office_id").iterator(chunk_size=BATCH):
        by_office.setdefault(officer.office_id, []).append(officer)
    for office_id, officers in by_office.items():
        if office_id in contexts:
            yield from officer_documents(contexts[office_id], officers, roles)
    services = of(Service.objects.published()).select_related("responsible_officer")
    for s in services.iterator(chunk_size=BATCH):
        if s.office_id in contexts:
            yield service_document(contexts[s.office_id], s)
    for n in of(Notice.objects.published()).iterator(chunk_size=BATCH):
        if n.office_id in contexts:
            yield notice_document(contexts[n.office_id], n)
    for ctx in contexts.values():
        yield office_document(ctx)


def reindex(offices: QuerySet[Office] | None = None) -> int:
    """Rebuild the index, of every office or of the given ones: one pass per kind, inserted
    in batches."""
    qs = offices_with_context() if offices is None else offices_with_context().filter(pk__in=offices.values("pk"))
    contexts = {o.pk: OfficeContext.of(o) for o in qs.iterator(chunk_size=BATCH)}
    count = 0
    seen: set[str] = set()
    with transaction.atomic():
        if offices is None:
            SearchDocument.objects.all().delete()
            SearchTerm.objects.all().delete()
        else:
            SearchDocument.objects.filter(office_id__in=qs.values("pk")).delete()
        for batch in _batched(_all_documents(contexts)):
            SearchDocument.objects.bulk_create(batch)
            remember_terms(batch, seen)
            count += len(batch)
    return count
