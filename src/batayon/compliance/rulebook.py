"""The rulebook as data: validate the whole YAML file, then replace the rules in one transaction.

A malformed file changes nothing: every rule is checked first (known kind, known section,
known tiers, numeric weight, the parameters its kind takes), and the first problem is
raised as ``RulebookError`` naming the rule and the field. Rules are matched by ``code``;
rules that disappeared from the file are deactivated, not deleted, so their history (flips)
stays readable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from batayon.content.models import SECTION_KEYS
from batayon.offices.models import Tier

from .kinds import KINDS, ParamError
from .models import Rule

RULEBOOK_PATH = Path(__file__).parent / "rulebook.yaml"

SECTIONS = SECTION_KEYS
REQUIRED = ("code", "title_bn", "title_en", "source", "kind", "section")
ALLOWED = set(REQUIRED) | {"params", "tiers", "weight", "supervisor_editable", "active"}


class RulebookError(ValueError):
    """A problem in the rulebook file, with where it is."""

    def __init__(self, message: str, rule: str | None = None, field: str | None = None):
        self.rule, self.field = rule, field
        where = ""
        if rule:
            where = f"rule {rule!r}"
            if field:
                where += f", field {field!r}"
            where += ": "
        super().__init__(f"{where}{message}")


def parse(text: str) -> list[dict[str, Any]]:
    """Validate a rulebook's text; returns normalised rule dicts (tiers expanded)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RulebookError(f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RulebookError("the file must be a mapping with a 'rules' list")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise RulebookError("'defaults' must be a mapping")
    seen: set[str] = set()
    out = []
    for index, raw in enumerate(data["rules"], start=1):
        if not isinstance(raw, dict):
            raise RulebookError(f"rule number {index} is not a mapping")
        code = raw.get("code")
        name = str(code) if code else f"#{index}"
        if not isinstance(code, str) or not code.strip():
            raise RulebookError("missing 'code'", name, "code")
        if code in seen:
            raise RulebookError("the code is used twice", name, "code")
        seen.add(code)
        rule = {**defaults, **raw}
        for key in REQUIRED:
            if not isinstance(rule.get(key), str) or not rule[key].strip():
                raise RulebookError("missing or empty", name, key)
        unknown = set(raw) - ALLOWED
        if unknown:
            raise RulebookError("unknown field", name, sorted(unknown)[0])
        if rule["kind"] not in KINDS:
            raise RulebookError(f"unknown kind {rule['kind']!r}; known: {', '.join(KINDS)}", name, "kind")
        if rule["section"] not in SECTIONS:
            raise RulebookError(
                f"unknown section {rule['section']!r}; known: {', '.join(SECTIONS)}", name, "section"
            )
        tiers = rule.get("tiers", "all")
        if tiers == "all":
            tiers = list(Tier.values)
        if not isinstance(tiers, list) or not tiers:
            raise RulebookError("tiers must be 'all' or a non-empty list", name, "tiers")
        for tier in tiers:
            if tier not in Tier.values:
                raise RulebookError(f"unknown tier {tier!r}; known: {', '.join(Tier.values)}", name, "tiers")
        weight = rule.get("weight")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 100:
            raise RulebookError(f"weight must be a number between 0 and 100, got {weight!r}", name, "weight")
        params = rule.get("params") or {}
        if not isinstance(params, dict):
            raise RulebookError("params must be a mapping", name, "params")
        try:
            KINDS[rule["kind"]].check(params)
        except ParamError as exc:
            raise RulebookError(str(exc), name, exc.field) from exc
        for flag in ("supervisor_editable", "active"):
            if flag in rule and not isinstance(rule[flag], bool):
                raise RulebookError("must be true or false", name, flag)
        out.append(
            {
                "code": code.strip(),
                "title_bn": rule["title_bn"].strip(),
                "title_en": rule["title_en"].strip(),
                "source": rule["source"].strip(),
                "kind": rule["kind"],
                "section": rule["section"],
                "params": params,
                "tiers": tiers,
                "weight": float(weight),
                "supervisor_editable": rule.get("supervisor_editable", False),
                "active": rule.get("active", True),
                "sort_order": index * 10,
            }
        )
    if not out:
        raise RulebookError("the rulebook has no rules")
    return out


def validate_rule(rule: Rule) -> None:
    """Check one rule as edited in the admin (same checks as the file)."""
    if rule.kind not in KINDS:
        raise RulebookError(f"unknown kind {rule.kind!r}", rule.code, "kind")
    if rule.section not in SECTIONS:
        raise RulebookError(f"unknown section {rule.section!r}", rule.code, "section")
    if not isinstance(rule.tiers, list) or not rule.tiers or any(t not in Tier.values for t in rule.tiers):
        raise RulebookError(f"tiers must be a list of: {', '.join(Tier.values)}", rule.code, "tiers")
    try:
        KINDS[rule.kind].check(rule.params or {})
    except ParamError as exc:
        raise RulebookError(str(exc), rule.code, exc.field) from exc


def load_rules(path: Path | str | None = None) -> dict[str, int]:
    """Validate the file, then create/update its rules and deactivate the rest, atomically."""
    text = Path(path or RULEBOOK_PATH).read_text(encoding="utf-8")
    rules = parse(text)  # raises before anything is touched
    created = updated = 0
    with transaction.atomic():
        existing = {r.code: r for r in Rule.objects.select_for_update()}
        for spec in rules:
            rule = existing.pop(spec["code"], None)
            if rule is None:
                Rule.objects.create(**spec)
                created += 1
            else:
                for key, value in spec.items():
                    setattr(rule, key, value)
                rule.save()
                updated += 1
        # updated_at too: the next nightly ``evaluate`` sees a rulebook change (a full run).
        deactivated = Rule.objects.filter(code__in=list(existing), active=True).update(
            active=False, updated_at=timezone.now()
        )
    return {"created": created, "updated": updated, "deactivated": deactivated}


def ensure_rules() -> None:
    """Load the shipped rulebook on first use (an empty rules table)."""
    if not Rule.objects.exists():
        load_rules()
