"""The circulars and minutes the rulebook comes from (``circulars.yaml``), and a rule's
``source`` ("seed 000 §2; seed 004 d1") read as references to them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.utils.translation import gettext

CIRCULARS_PATH = Path(__file__).parent / "circulars.yaml"
SEED_REF = re.compile(r"seed\s+(\d{3})\s*([^;]*)")
INTERNAL_REF = re.compile(r"R-\d")
DECISIONS = re.compile(r"\b(d\d+(?:\s*[–-]\s*d\d+)?)")


@dataclass(frozen=True)
class Circular:
    key: str
    issuer_bn: str
    issuer_en: str
    memo: str
    date: dt.date


@dataclass(frozen=True)
class SourceRef:
    """One reference of a rule's source: the circular (None if unknown) and the item cited."""

    circular: Circular | None
    item: str
    raw: str

    @property
    def item_label(self) -> str:
        """The cited item in the page's language ("d1–d5" of minutes → "সিদ্ধান্ত 1–5", "decision 1–5")."""
        return DECISIONS.sub(
            lambda m: gettext("সিদ্ধান্ত %(numbers)s") % {"numbers": m.group(1).replace("d", "")}, self.item
        )


@lru_cache(maxsize=1)
def circulars() -> dict[str, Circular]:
    data = yaml.safe_load(CIRCULARS_PATH.read_text(encoding="utf-8"))
    return {
        str(key): Circular(str(key), row["issuer_bn"], row["issuer_en"], str(row["memo"]), row["date"])
        for key, row in data.items()
    }


def source_refs(source: str) -> list[SourceRef]:
    """``"seed 001 ক; seed 000 §2"`` → the Kushtia DC's memo (item ক), the Cabinet Division's (§2)."""
    table = circulars()
    refs = []
    for part in (p.strip() for p in source.split(";")):
        if not part or INTERNAL_REF.match(part):  # "R-2.3": our requirements, not a circular
            continue
        m = SEED_REF.match(part)
        if m is None:
            refs.append(SourceRef(None, part, part))
        else:
            refs.append(SourceRef(table.get(m.group(1)), m.group(2).strip(), part))
    return refs
