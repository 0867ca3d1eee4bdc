"""Load committees and their meetings from YAML (the demo: seeds 002 and 004).

Idempotent and atomic: a committee is found by its office and name; its meetings are written
again (the decisions with them), so loading twice leaves one copy. A bad file (an unknown
office or rule code) changes nothing and says what is wrong, in Bangla.

The file may also hold directives (``oversight``) that decisions are measured by: each is
issued once (found again by its issuer and memo number) and a decision names it by its key.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from batayon.bangla.text import nfc
from batayon.compliance.models import Rule
from batayon.offices.models import Area, Office
from batayon.oversight.models import Directive
from batayon.oversight.services import DirectiveError, issue_directive, items_from

from .models import AgendaItem, Attendance, Committee, Decision, Implementer, Meeting, Member

SEED_FILE = Path(__file__).parent / "data" / "seed_meetings.yaml"


class CommitteeDataError(ValueError):
    pass


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value.strip())
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def _office(domain: str) -> Office:
    office = Office.objects.filter(domain=domain).select_related("area").first()
    if office is None:
        raise CommitteeDataError(f"দপ্তর পাওয়া যায়নি: {domain} (আগে batayon loadgeo চালান)")
    return office


def _area(domain: str) -> Area:
    office = _office(domain)
    if office.area is None:
        raise CommitteeDataError(f"{domain} দপ্তরের এলাকা নেই")
    return office.area


def _rules(codes: list[str]) -> list[Rule]:
    rules = list(Rule.objects.filter(code__in=codes))
    unknown = set(codes) - {r.code for r in rules}
    if unknown:
        raise CommitteeDataError(f"নিয়মাবলিতে এই কোড নেই: {', '.join(sorted(unknown))}")
    return rules


def _time(value: Any) -> dt.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, int):  # YAML reads 12:00 as sexagesimal minutes
        return dt.time(value // 60, value % 60)
    return dt.time.fromisoformat(str(value))


def _directive(spec: dict[str, Any]) -> Directive:
    """The directive of the spec: issued on the first load, found again on the next ones."""
    issuer = _office(spec["issuer"])
    found = Directive.objects.filter(issuer=issuer, memo_number=spec["memo_number"]).first()
    if found is not None:
        return found
    try:
        return issue_directive(
            issuer=issuer,
            under=_office(spec["under"]) if spec.get("under") else None,
            tiers=spec.get("tiers", []),
            subject=spec["subject"],
            body=spec.get("body", ""),
            memo_number=spec["memo_number"],
            items=items_from(spec.get("rules", []), preset=spec.get("preset"), free=spec.get("items", [])),
            issued_on=spec["issued_on"],
            deadline=spec["deadline"],
            distribution="\n".join(spec.get("distribution", [])),
            signatory_name=spec.get("signatory_name", ""),
            signatory_designation=spec.get("signatory_designation", ""),
        )
    except DirectiveError as exc:
        raise CommitteeDataError(f"নির্দেশনা {spec.get('key', '')}: {exc}") from exc


def _decision(meeting: Meeting, spec: dict[str, Any], item: AgendaItem | None,
              directives: dict[str, Directive]) -> Decision:
    directive = None
    if spec.get("directive"):
        directive = directives.get(spec["directive"])
        if directive is None:
            raise CommitteeDataError(f"নির্দেশনা পাওয়া যায়নি: {spec['directive']}")
    decision = Decision.objects.create(
        meeting=meeting,
        agenda_item=item,
        number=spec["number"],
        text=spec["text"],
        deadline=spec.get("deadline"),
        directive=directive,
    )
    for order, label in enumerate(spec.get("implementers", []), start=1):
        Implementer.objects.create(decision=decision, label=label, sort_order=order)
    if spec.get("rules"):
        decision.rules.set(_rules(spec["rules"]))
    return decision


def _meeting(committee: Committee, spec: dict[str, Any], directives: dict[str, Directive]) -> Meeting:
    fields = {
        k: spec.get(k, "")
        for k in (
            "title", "place", "chair_name", "chair_designation", "opening", "closing", "memo_number",
            "signatory_name", "signatory_designation", "signatory_email", "issuer_name", "issuer_designation",
        )
    }
    meeting = Meeting.objects.create(
        committee=committee,
        number=spec.get("number"),
        date=spec["date"],
        time=_time(spec.get("time")),
        issued_on=spec.get("issued_on"),
        distribution="\n".join(spec.get("distribution", [])),
        **fields,
    )
    for order, a in enumerate(spec.get("attendance", []), start=1):
        Attendance.objects.create(
            meeting=meeting, kind=a.get("kind", "present"), name=a.get("name", ""),
            designation=a["designation"], sort_order=order,
        )
    for item_spec in spec.get("agenda", []):
        item = AgendaItem.objects.create(
            meeting=meeting, number=item_spec["number"], title=item_spec.get("title", ""),
            discussion=item_spec.get("discussion", ""),
        )
        for d in item_spec.get("decisions", []):
            _decision(meeting, d, item, directives)
    for d in spec.get("decisions", []):
        _decision(meeting, d, None, directives)
    return meeting


def load_committees(path: Path = SEED_FILE) -> dict[str, int]:
    """Load the file; returns how many committees, meetings and decisions it holds."""
    data = _nfc(yaml.safe_load(path.read_text(encoding="utf-8")))
    counts = {"committees": 0, "meetings": 0, "decisions": 0, "directives": 0}
    with transaction.atomic():
        directives = {spec["key"]: _directive(spec) for spec in data.get("directives", [])}
        counts["directives"] = len(directives)
        for spec in data.get("committees", []):
            office = _office(spec["office"])
            committee, _created = Committee.objects.update_or_create(
                office=office,
                name=spec["name"],
                defaults={
                    "area": _area(spec.get("area_of", spec["office"])),
                    "kind": spec["kind"],
                    "name_en": spec.get("name_en", ""),
                    "letterhead": spec.get("letterhead", ""),
                    "website": spec.get("website", ""),
                    "emails": "\n".join(spec.get("emails", [])),
                },
            )
            Meeting.objects.filter(committee=committee).delete()
            committee.members.all().delete()
            for order, m in enumerate(spec.get("members", []), start=1):
                Member.objects.create(
                    committee=committee, role=m.get("role", "member"), post=m["post"], name=m.get("name", ""),
                    email=m.get("email", ""), sort_order=order,
                )
            for meeting_spec in spec.get("meetings", []):
                meeting = _meeting(committee, meeting_spec, directives)
                counts["meetings"] += 1
                counts["decisions"] += meeting.decisions.count()
            counts["committees"] += 1
    return counts
