"""Checklists that recur: seed 001's items ক–ঝ, mapped to the rulebook's codes (each rule
in ``compliance/rulebook.yaml`` names the letter item it comes from, ``source: seed 001 …``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PresetItem:
    label: str
    text: str
    rules: tuple[str, ...] = field(default_factory=tuple)


PRESETS: dict[str, tuple[str, list[PresetItem]]] = {
    "seed-001": (
        "জাতীয় তথ্য বাতায়ন (ওয়েবপোর্টাল) এর তথ্য সন্নিবেশ ও হাল-নাগাদকরণ প্রসঙ্গে।",
        [
            PresetItem(
                "ক",
                "কর্মকর্তা ও কর্মচারির দাপ্তরিক মোবাইল নম্বর ও ই-মেইল সন্নিবেশ ও নিয়মিত হাল-নাগাদ।",
                ("officers-list", "officers-contacts", "staff-list", "staff-contacts"),
            ),
            PresetItem("খ", "নোটিশ বোর্ড নিয়মিত হাল-নাগাদ।", ("notices-fresh",)),
            PresetItem("গ", "সিটিজেন চার্টার আপলোড।", ("charter-present",)),
            PresetItem("ঘ", "সেবার তালিকা সন্নিবেশ/হাল-নাগাদ।", ("services-list",)),
            PresetItem("ঙ", "তথ্য প্রদানকারী কর্মকর্তা ও আপীল কর্তৃপক্ষের তথ্য হাল-নাগাদ।", ("rti-officer", "rti-appeal")),
            PresetItem("চ", "বার্ষিক কর্মসম্পাদন চুক্তি (এপিএ) আপলোড।", ("apa-current-fy",)),
            PresetItem("ছ", "প্রকল্পের তথ্য (যদি থাকে) সন্নিবেশ করা।", ("projects",)),
            PresetItem("জ", "অনিক ও আপীল কর্মকর্তার তথ্য হাল-নাগাদ।", ("grs-anik", "grs-appeal")),
            PresetItem("ঝ", "শুদ্ধাচার কৌশল বাস্তবায়ন অগ্রগতি আপলোড।", ("nis-quarterly",)),
        ],
    ),
}

# ক, খ, গ… — how a Bangla letter numbers its items.
BANGLA_LABELS = [
    "ক",
    "খ",
    "গ",
    "ঘ",
    "ঙ",
    "চ",
    "ছ",
    "জ",
    "ঝ",
    "ঞ",
    "ট",
    "ঠ",
    "ড",
    "ঢ",
    "ণ",
    "ত",
    "থ",
    "দ",
    "ধ",
    "ন",
    "প",
    "ফ",
    "ব",
    "ভ",
    "ম",
    "য",
    "র",
    "ল",
    "শ",
    "ষ",
    "স",
    "হ",
]


def label_for(position: int) -> str:
    return BANGLA_LABELS[position] if position < len(BANGLA_LABELS) else str(position + 1)
