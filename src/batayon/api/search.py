"""Search over every portal, ranked for a call-centre agent.

1. The query is parsed (``api.normalise``): required terms, optional intent words ("ফোন",
   "সেবা"), phone numbers.
2. A term that is not in the vocabulary is a typo or an extra word: it is replaced by the
   nearest words of the vocabulary (``pg_trgm`` on PostgreSQL, an FTS5 trigram table on
   SQLite, then an edit-distance check); a word with no near neighbour is dropped.
3. The database's full-text index finds the documents that contain every required term
   (longer terms also as a prefix: "কুষ্টিয়ার" finds "কুষ্টিয়া"), best first by its own
   weighted rank, at most ``CANDIDATES`` of them.
4. Those candidates are ranked again here, the same way on both databases: a match in the
   thing's own name counts most, then in what it is, then in where it is; a role named in
   an officer's designation ("ইউএনও") puts that officer first; intent words favour what
   they ask for (officers with phones for "ফোন", services for "সেবা").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection
from django.utils import timezone

from batayon.bangla.phone import InvalidPhone, format_phone_bn, format_phone_local

from .models import SearchDocument, SearchTerm
from .normalise import ROLE_TERMS, SYNONYM_TERMS, ParsedQuery, edit_distance, parse_query, typo_limit

CANDIDATES = 200
RANK_WINDOW = 2000  # PostgreSQL: at most this many matches are ranked by the database
PREFIX_MIN = 4  # shorter terms match whole words only
FIELD_WEIGHTS = (("name", 8.0), ("main", 4.0), ("context", 2.0), ("body", 1.0))
KIND_PRIOR = {"officer": 0.5, "office": 0.4, "service": 0.3, "notice": 0.0}
INTENT_KIND = {"service": "service", "notice": "notice", "office": "office", "officer": "officer"}


@dataclass(frozen=True)
class Alternative:
    term: str
    prefix: bool
    factor: float = 1.0  # < 1 for a word found by typo correction


@dataclass
class Group:
    """One thing the agent typed, with the words that count as a match for it."""

    typed: str
    alternatives: list[Alternative]


@dataclass
class Plan:
    query: ParsedQuery
    groups: list[Group] = field(default_factory=list)
    corrected: dict[str, list[str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)


@dataclass
class Hit:
    id: int
    kind: str
    object_id: int
    office_id: int
    fields: dict[str, list[str]]
    data: dict
    score: float = 0.0

    @cached_property
    def padded(self) -> dict[str, str]:
        """Each field as " term term ": whole-word and prefix tests become substring tests."""
        return {name: f" {' '.join(tokens)} " for name, tokens in self.fields.items()}


def _is_digits(term: str) -> bool:
    return term.isascii() and term.isdigit()


def _known(term: str) -> str | None:
    """"word" if the vocabulary has ``term`` itself, "prefix" if only longer words start
    with it, None if it is unknown (one indexed range read)."""
    first = SearchTerm.objects.filter(term__startswith=term).order_by("term").values_list("term", flat=True).first()
    if first is None:
        return None
    return "word" if first == term else "prefix"


def similar_terms(term: str, limit: int = 5) -> list[str]:
    """Words of the vocabulary within a typo or two of ``term``, nearest first."""
    if connection.vendor == "postgresql":
        sql = ("SELECT term FROM api_searchterm WHERE term::text %% %s "
               "ORDER BY similarity(term::text, %s) DESC LIMIT 30")
        params: list = [term, term]
    else:
        padded = f"^{term}$"
        grams = list(dict.fromkeys(padded[i:i + 3] for i in range(len(padded) - 2)))
        match = " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)
        sql = ("SELECT t.term FROM api_searchterm_trgm g JOIN api_searchterm t ON t.id = g.rowid "
               "WHERE api_searchterm_trgm MATCH %s ORDER BY g.rank LIMIT 30")
        params = [match]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = [row[0] for row in cursor.fetchall()]
    limit_edits = typo_limit(term)
    scored = sorted((edit_distance(term, t, limit_edits), t) for t in found)
    return [t for d, t in scored if d <= limit_edits][:limit]


def plan(q: str) -> Plan:
    parsed = parse_query(q)
    result = Plan(query=parsed)
    for phone in parsed.phones:
        result.groups.append(Group(phone, [Alternative(phone, prefix=False)]))
    for term in parsed.required:
        if _is_digits(term) or term in SYNONYM_TERMS:
            result.groups.append(Group(term, [Alternative(term, prefix=_is_digits(term) and len(term) >= 3)]))
            continue
        known = _known(term)
        if known:
            # A whole word is matched as itself; a word the index only has longer forms of
            # ("কুষ্টিয়ার" typed, or a name half typed) as a prefix. Prefixes of common words
            # are expensive on a national index, so only where they are needed.
            prefix = known == "prefix" and len(term) >= PREFIX_MIN
            result.groups.append(Group(term, [Alternative(term, prefix)]))
            continue
        near = similar_terms(term) if len(term) >= 3 else []
        if near:
            result.corrected[term] = near
            result.groups.append(Group(term, [Alternative(t, False, 0.6) for t in near]))
        else:
            result.ignored.append(term)
    return result


def _fts_match(groups: list[Group]) -> str:
    parts = []
    for group in groups:
        alts = ['"' + a.term.replace('"', '""') + '"' + ("*" if a.prefix else "") for a in group.alternatives]
        parts.append("(" + " OR ".join(alts) + ")")
    return " AND ".join(parts)


def _tsquery(groups: list[Group]) -> str:
    parts = []
    for group in groups:
        alts = ["'" + a.term.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if a.prefix else "")
                for a in group.alternatives]
        parts.append("(" + " | ".join(alts) + ")")
    return " & ".join(parts)


def candidates(groups: list[Group], *, kind: str | None = None, office_id: int | None = None,
               district_id: int | None = None, upazila_id: int | None = None, limit: int | None = None) -> list[Hit]:
    """The documents that match every group, best first by the database's own rank."""
    limit = limit or CANDIDATES
    columns = "d.id, d.kind, d.object_id, d.office_id, d.name_terms, d.main_terms, d.context_terms, d.body_terms, d.data"
    filters, params = [], []
    for column, value in (("d.kind", kind), ("d.office_id", office_id), ("d.district_id", district_id),
                          ("d.upazila_id", upazila_id)):
        if value is not None:
            filters.append(f"{column} = %s")
            params.append(value)
    extra = "".join(f" AND {f}" for f in filters)
    if connection.vendor == "postgresql":
        query = _tsquery(groups)
        # ts_rank reads every match's vector: on a national index a broad query ("বয়স্ক ভাতা
        # সেবা" with no place) matches thousands of equally good rows, so only the first
        # RANK_WINDOW matches are ranked. A narrower query is ranked in full.
        sql = (f"SELECT {columns} FROM (SELECT * FROM api_searchdocument d "
               f"WHERE d.search_vector @@ %s::tsquery{extra} LIMIT {RANK_WINDOW}) d "
               "ORDER BY ts_rank(d.search_vector, %s::tsquery) DESC, d.id LIMIT %s")
        params = [query, *params, query, limit]
    else:
        sql = (f"SELECT {columns} FROM api_search_fts f JOIN api_searchdocument d ON d.id = f.rowid "
               f"WHERE api_search_fts MATCH %s{extra} "
               "ORDER BY bm25(api_search_fts, 8.0, 4.0, 2.0, 1.0), d.id LIMIT %s")
        params = [_fts_match(groups), *params, limit]
    decode = SearchDocument._meta.get_field("data")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    hits = []
    for row in rows:
        data = row[8]
        if isinstance(data, str):
            data = decode.from_db_value(data, None, connection)  # type: ignore[arg-type]  # no expression: plain column
        hits.append(Hit(
            id=row[0], kind=row[1], object_id=row[2], office_id=row[3],
            fields={"name": row[4].split(), "main": row[5].split(), "context": row[6].split(), "body": row[7].split()},
            data=data,
        ))
    return hits


def _contiguous(sequence: list[str], wanted: list[str]) -> bool:
    n = len(wanted)
    return n > 1 and any(sequence[i:i + n] == wanted for i in range(len(sequence) - n + 1))


def score(hit: Hit, plan_: Plan) -> float:
    """How well a candidate answers the query (see the module docstring)."""
    query = plan_.query
    padded = hit.padded
    total = 0.0
    role_in_designation = False
    for group in plan_.groups:
        best = 0.0
        for alt in group.alternatives:
            for name, weight in FIELD_WEIGHTS:
                text = padded[name]
                if f" {alt.term} " in text:
                    value = weight
                elif alt.prefix and f" {alt.term}" in text:
                    value = weight * 0.8
                else:
                    continue
                best = max(best, value * alt.factor)
                if name == "main" and alt.term in ROLE_TERMS and hit.kind == "officer":
                    role_in_designation = True
        total += best
    typed = [g.alternatives[0].term for g in plan_.groups if len(g.alternatives) == 1]
    asks_for_person = any(t in ROLE_TERMS for t in typed)
    if asks_for_person and hit.kind == "office":
        pass  # "কুমারখালী ইউএনও" is the UNO, not the office named after the post
    elif _contiguous(hit.fields["name"], typed) or _contiguous(hit.fields["main"], typed):
        total += 6  # the words as a phrase, in the order typed
    name_words = set(hit.fields["name"])
    if name_words and name_words == {a.term for g in plan_.groups for a in g.alternatives[:1]}:
        total += 10  # exactly the name of the thing
    for word in query.optional:
        if f" {word} " in padded["name"] or f" {word} " in padded["main"]:
            total += 1
    if role_in_designation:
        total += 12  # the post asked for is this officer's own
    has_phone = bool(hit.data.get("phones"))
    if "phone" in query.intents and has_phone:
        total += 4 if hit.kind == "officer" else 1
    for intent, kind in INTENT_KIND.items():
        if intent in query.intents and hit.kind == kind:
            total += 4 if kind != "officer" else 3
    if hit.data.get("is_head_of_office"):
        total += 1
    if hit.kind == "office" and _names_its_seat(hit, typed):
        # "কুষ্টিয়া" alone: the office that heads Kushtia, before all that is in it; the
        # district before a union that happens to share its name.
        total += 20 + (5 - (hit.data.get("seat_level") or 4))
    return total + KIND_PRIOR.get(hit.kind, 0.0)


def _names_its_seat(hit: Hit, typed: list[str]) -> bool:
    wanted = set(typed)
    return bool(wanted) and any(set(name) == wanted for name in hit.data.get("seat_of", ()))


SEAT_QUERY_GROUPS = 3  # a place's name is at most this many words


def _is_live(hit: Hit, today: dt.date) -> bool:
    if hit.kind != "notice":
        return True
    published = hit.data.get("publish_date")
    archived = hit.data.get("archive_date")
    return (not published or published <= today.isoformat()) and (not archived or archived >= today.isoformat())


def search(q: str, *, kind: str | None = None, office_id: int | None = None,
           district_id: int | None = None, upazila_id: int | None = None) -> tuple[Plan, list[Hit]]:
    """The ranked hits for ``q`` (at most ``CANDIDATES``), and how the query was read."""
    plan_ = plan(q)
    if not plan_.groups:
        return plan_, []
    where = {"office_id": office_id, "district_id": district_id, "upazila_id": upazila_id}
    hits = candidates(plan_.groups, kind=kind, **where)
    if kind is None and len(hits) >= CANDIDATES:
        # A place's name matches every document there, and the database's rank fills the
        # candidates with names: the kinds the query asks for ("… নোটিশ", "… সেবা") and, for
        # a bare place name, its head office must still be candidates, so they are asked for
        # apart.
        wanted = [INTENT_KIND[i] for i in sorted(plan_.query.intents) if i in INTENT_KIND]
        if len(plan_.groups) <= SEAT_QUERY_GROUPS:
            wanted.append("office")
        seen = {h.id for h in hits}
        for extra in dict.fromkeys(wanted):
            found = [h for h in candidates(plan_.groups, kind=extra, limit=50, **where) if h.id not in seen]
            seen.update(h.id for h in found)
            hits += found
    today = timezone.localdate()
    hits = [h for h in hits if _is_live(h, today)]
    for hit in hits:
        hit.score = score(hit, plan_)
    hits.sort(key=lambda h: (-h.score, h.data.get("sort_order", 0), h.id))
    if "notice" in plan_.query.intents:
        # "… নোটিশ": the notices, newest first, then the rest as ranked.
        notices = sorted((h for h in hits if h.kind == "notice"), key=lambda h: h.data.get("publish_date") or "",
                         reverse=True)
        hits = notices + [h for h in hits if h.kind != "notice"]
    return plan_, hits


def phone_display(canonical: str) -> dict[str, str]:
    try:
        return {"e164": canonical, "local": format_phone_local(canonical), "bn": format_phone_bn(canonical)}
    except InvalidPhone:
        return {"e164": canonical, "local": canonical, "bn": canonical}
