"""The rulebook as data: validate the whole YAML file, then replace the rules in one transaction.

A malformed file changes nothing: every rule is checked first against ``RuleSpec`` (the one
pydantic schema the admin's form uses too: known kind, known section, known tiers, numeric
weight, the parameters its kind takes), and the first problem is raised as
``RulebookError`` naming the rule and the field. Rules are matched by ``code``;
rules that disappeared from the file are deactivated, not deleted, so their history (flips)
stays readable.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from batayon.content.models import SECTION_KEYS
from batayon.offices.models import Tier

from .kinds import KINDS, ParamError
from .models import Rule

RULEBOOK_PATH = Path(__file__).parent / "rulebook.yaml"

SECTIONS = SECTION_KEYS


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


def _invalid(message: str, field: str | None = None) -> PydanticCustomError:
    return PydanticCustomError("rulebook", "{message}", {"message": message, "field": field})


class RuleSpec(BaseModel):
    """One rule, as the file and the admin give it: THE schema both are validated by.

    Per-kind parameters are checked by the kind itself (``KINDS[kind].check(params)``) from a
    model validator; every error names its field (``params.min`` for a parameter).
    """

    model_config = ConfigDict(extra="forbid")

    code: str
    title_bn: str
    title_en: str
    source: str
    kind: str
    section: str
    params: dict[str, Any] = Field(default_factory=dict)
    tiers: list[str] = Field(default_factory=lambda: list(Tier.values))
    weight: float
    supervisor_editable: StrictBool = False
    active: StrictBool = True

    @field_validator("code", "title_bn", "title_en", "source", "kind", "section", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise _invalid("missing or empty")
        return value.strip()

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in KINDS:
            raise _invalid(f"unknown kind {value!r}; known: {', '.join(KINDS)}")
        return value

    @field_validator("section")
    @classmethod
    def _section(cls, value: str) -> str:
        if value not in SECTIONS:
            raise _invalid(f"unknown section {value!r}; known: {', '.join(SECTIONS)}")
        return value

    @field_validator("params", mode="before")
    @classmethod
    def _params(cls, value: Any) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise _invalid("params must be a mapping")
        return value

    @field_validator("tiers", mode="before")
    @classmethod
    def _tiers(cls, value: Any) -> list[str]:
        if value == "all":
            return list(Tier.values)
        if not isinstance(value, list) or not value:
            raise _invalid("tiers must be 'all' or a non-empty list")
        for tier in value:
            if tier not in Tier.values:
                raise _invalid(f"unknown tier {tier!r}; known: {', '.join(Tier.values)}")
        return value

    @field_validator("weight", mode="before")
    @classmethod
    def _weight(cls, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)) or not 0 < value <= 100:
            raise _invalid(f"weight must be a number between 0 and 100, got {value!r}")
        return float(value)

    @model_validator(mode="after")
    def _kind_params(self) -> RuleSpec:
        try:
            KINDS[self.kind].check(self.params)
        except ParamError as exc:
            raise _invalid(str(exc), exc.field) from exc
        return self

    @classmethod
    def of(cls, data: dict[str, Any], name: str) -> RuleSpec:
        """Validate ``data``; the first problem is a ``RulebookError`` naming rule ``name`` and
        the field."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            error = exc.errors()[0]
            ctx = error.get("ctx") or {}
            field = ctx.get("field") or (".".join(str(p) for p in error["loc"]) or None)
            message = ctx.get("message") or {
                "missing": "missing or empty",
                "extra_forbidden": "unknown field",
                "bool_type": "must be true or false",
            }.get(error["type"], error["msg"])
            raise RulebookError(message, name, field) from None


class RulebookFile(BaseModel):
    """The file around the rules: optional ``defaults`` merged into each, and the ``rules``.

    Rules stay raw here: each is merged with the defaults and validated by ``RuleSpec.of`` so
    that its error names the rule.
    """

    model_config = ConfigDict(extra="forbid")

    defaults: dict[str, Any] = Field(default_factory=dict)
    rules: list[Any] = Field(min_length=1)


def parse(text: str) -> list[dict[str, Any]]:
    """Validate a rulebook's text; returns normalised rule dicts (tiers expanded)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RulebookError(f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RulebookError("the file must be a mapping with a 'rules' list")
    try:
        book = RulebookFile.model_validate({**data, "defaults": data.get("defaults") or {}})
    except ValidationError as exc:
        error = exc.errors()[0]
        if error["loc"] and error["loc"][0] == "rules":
            raise RulebookError("the rulebook has no rules") from None
        raise RulebookError(f"{'.'.join(map(str, error['loc']))}: {error['msg']}") from None
    seen: set[str] = set()
    out = []
    for index, raw in enumerate(book.rules, start=1):
        if not isinstance(raw, dict):
            raise RulebookError(f"rule number {index} is not a mapping")
        code = raw.get("code")
        name = str(code).strip() if code else f"#{index}"
        if name in seen:
            raise RulebookError("the code is used twice", name, "code")
        seen.add(name)
        spec = RuleSpec.of({**book.defaults, **raw}, name)
        out.append({**spec.model_dump(), "sort_order": index * 10})
    return out


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
