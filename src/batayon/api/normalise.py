"""How text becomes search terms, the same way for documents and for queries.

A call-centre agent types fast and the way people write Bangla, so three folds are applied
on top of :func:`batayon.bangla.text.normalise_for_search` (NFC, the two spellings of য়,
Bangla → Latin digits, casefold):

* **loose spelling**: ি/ী, ু/ূ, ণ/ন and শ/ষ/স are written interchangeably by many people, so
  every term is stored and looked up with them folded ("কুস্টিয়া" finds "কুষ্টিয়া");
* **synonyms**: a role has a long and a short name ("উপজেলা নির্বাহী অফিসার" = "ইউএনও" = "UNO");
  both sides map every name of a role to one canonical term;
* **phones**: a number is indexed in its canonical, national and international forms, and a
  number in a query (Bangla or Latin digits, with or without dashes and +88) is parsed first.

Pure functions, no Django: the indexer, the query parser and the benchmark share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from batayon.bangla.phone import InvalidPhone, normalise_phone
from batayon.bangla.text import normalise_for_search

# Letters that many writers use interchangeably; each maps to one representative.
_LOOSE = str.maketrans({"ী": "ি", "ূ": "ু", "ণ": "ন", "ষ": "স", "শ": "স", "ঁ": None})

# Each group: every way of naming one role or thing → the canonical term both sides use.
# Longer phrases are tried first and consume their words, so "অতিরিক্ত জেলা প্রশাসক" is an ADC
# and not also a DC.
SYNONYM_GROUPS: dict[str, tuple[str, ...]] = {
    "ইউএনও": ("উপজেলা নির্বাহী অফিসার", "ইউএনও", "ইউ এন ও", "uno", "upazila nirbahi officer"),
    "এডিসি": ("অতিরিক্ত জেলা প্রশাসক", "এডিসি", "adc", "additional deputy commissioner"),
    "ডিসি": ("জেলা প্রশাসক", "ডিসি", "dc", "deputy commissioner"),
    "এসিল্যান্ড": ("সহকারী কমিশনার (ভূমি)", "সহকারী কমিশনার ভূমি", "এসিল্যান্ড", "এসি ল্যান্ড",
                   "ac land", "assistant commissioner (land)", "assistant commissioner land"),
    "ইউপি": ("ইউনিয়ন পরিষদ", "ইউপি", "union parishad"),
    "জন্মনিবন্ধন": ("জন্ম নিবন্ধন", "জন্মনিবন্ধন", "birth registration"),
    "মৃত্যুনিবন্ধন": ("মৃত্যু নিবন্ধন", "মৃত্যুনিবন্ধন", "death registration"),
    "তথ্যকর্মকর্তা": ("তথ্য প্রদানকারী কর্মকর্তা", "দায়িত্বপ্রাপ্ত কর্মকর্তা (তথ্য)", "rti officer",
                      "designated information officer"),
    "অনিক": ("অনিক", "অভিযোগ নিষ্পত্তি কর্মকর্তা", "grievance redress officer", "anik"),
}

# Canonical terms that name a person's post: a query with one asks for that person.
ROLE_TERMS = frozenset({"ইউএনও", "এডিসি", "ডিসি", "এসিল্যান্ড", "তথ্যকর্মকর্তা", "অনিক"})

# Words that say what the agent wants, not what to match: never required, but a document that
# has what they ask for (a phone, a service…) is ranked higher.
INTENT_WORDS: dict[str, str] = {
    **{w: "phone" for w in ("ফোন", "মোবাইল", "নম্বর", "নাম্বার", "phone", "mobile", "number", "contact",
                            "যোগাযোগ", "টেলিফোন", "telephone", "tel", "cell")},
    **{w: "service" for w in ("সেবা", "service", "services", "সার্ভিস", "ফি", "fee", "খরচ", "কাগজ", "কাগজপত্র",
                              "documents")},
    **{w: "notice" for w in ("নোটিশ", "বিজ্ঞপ্তি", "notice", "notices", "প্রজ্ঞাপন")},
    **{w: "office" for w in ("অফিস", "কার্যালয়", "office", "দপ্তর")},
    **{w: "officer" for w in ("কে", "কর্মকর্তা", "officer", "who")},
}

# How a caller asks, not what about: "ইউএনও কুমারখালী কি নম্বর", "জন্ম নিবন্ধন কি কি লাগে",
# "ফি কত". Dropped from a query unless nothing else is left (then the words themselves are
# looked for). "নম্বর" is not here: it is an intent word (a phone is wanted) and stays content
# when it is all that was typed ("স্মারক নম্বর" keeps "স্মারক"). "কে" is an intent word too.
STOP_WORDS = frozenset({
    "কি", "কী", "কত", "কতো", "কোথায়", "কোথা", "কার", "কাহার", "কবে", "কখন", "কিভাবে", "কীভাবে", "কেমনে",
    "কেমন", "কোন", "কোনো", "কয়", "কয়টি", "কিসের", "কেন", "লাগে", "লাগবে", "দরকার", "প্রয়োজন",
    "করবো", "করব", "করতে", "করে", "হবে", "হয়", "আছে", "পাবো", "পাব", "যাবে", "চাই", "জানতে", "বলুন",
    "দিন", "এর", "ও", "এবং", "বা", "আর", "টা", "টি", "জন্য",
    "what", "how", "where", "when", "which", "whose", "is", "the", "of", "for", "a", "an", "to", "do", "i",
})

# A run of digits and the separators people type inside a phone number.
_PHONE_RUN = re.compile(r"\+?\d[\d\s\-().]{5,18}\d")
_TOKEN_SPLIT = re.compile(r"[\s\-']+")


def loose(term: str) -> str:
    """The spelling-tolerant key of one already-normalised term."""
    return term.translate(_LOOSE)


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # A phrase starts at a word boundary; a Bangla one may carry a case ending ("অফিসারের"),
    # an English one must end there ("uno" is not "unofficial").
    words = [re.escape(w) for w in _TOKEN_SPLIT.split(normalise_for_search(phrase)) if w]
    ending = r"[\u0980-\u09ff]*(?!\S)" if "\u0980" <= words[-1][-1] <= "\u09ff" else r"(?!\S)"
    return re.compile(r"(?<!\S)" + r"[\s\-]+".join(words) + ending)


_SYNONYM_PATTERNS: list[tuple[re.Pattern[str], str]] = sorted(
    ((_phrase_pattern(p), loose(normalise_for_search(canon))) for canon, ps in SYNONYM_GROUPS.items() for p in ps),
    key=lambda item: -len(item[0].pattern),
)
SYNONYM_TERMS = frozenset(term for _, term in _SYNONYM_PATTERNS)
# One pass to learn whether any role is named at all (most texts name none).
_ANY_SYNONYM = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _SYNONYM_PATTERNS))
_INTENT_LOOSE = {loose(normalise_for_search(w)): kind for w, kind in INTENT_WORDS.items()}
_STOP_LOOSE = frozenset(loose(normalise_for_search(w)) for w in STOP_WORDS)


def tokens(normalised: str) -> list[str]:
    """Split normalised text into words (hyphens and apostrophes split too: FTS5 and
    PostgreSQL's parser disagree about them, so neither ever sees one)."""
    return [t for t in _TOKEN_SPLIT.split(normalised) if t]


def synonym_terms(normalised: str) -> tuple[list[str], str]:
    """The canonical terms of every role named in ``normalised``, and the text with those
    names blanked out (longest names first)."""
    found: list[str] = []
    if not _ANY_SYNONYM.search(normalised):
        return found, normalised
    for pattern, canon in _SYNONYM_PATTERNS:
        if pattern.search(normalised):
            found.append(canon)
            normalised = pattern.sub(" ", normalised)
    return found, normalised


def phone_forms(raw: str) -> list[str]:
    """Digits under which a phone is found: national, international and without the 0."""
    try:
        canonical = normalise_phone(raw)
    except InvalidPhone:
        return []
    significant = canonical[4:]
    return [f"0{significant}", f"880{significant}", significant]


@lru_cache(maxsize=100_000)
def _text_terms(text: str) -> tuple[str, ...]:
    # Cached: place names, office names and designations repeat across thousands of documents.
    normalised = normalise_for_search(text)
    found, _ = synonym_terms(normalised)
    return (*(loose(t) for t in tokens(normalised)), *found)


def terms(*texts: str | None) -> list[str]:
    """Every loose term of the given texts, synonyms added, in order, without repeats."""
    out: list[str] = []
    for text in texts:
        if text:
            out.extend(_text_terms(text) if len(text) <= 300 else _text_terms.__wrapped__(text))
    return list(dict.fromkeys(out))


def terms_text(*texts: str | None) -> str:
    return " ".join(terms(*texts))


@dataclass
class ParsedQuery:
    """What an agent typed, as groups of alternatives: every group must match."""

    text: str  # the normalised query, for phrase matching
    required: list[str] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    intents: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.required or self.phones)


def parse_query(raw: str) -> ParsedQuery:
    """Turn a query into required terms, optional intent words and phone numbers."""
    normalised = normalise_for_search(raw)
    query = ParsedQuery(text=normalised)
    # Phones first: "01711-618368" must not become two words.
    def take_phone(match: re.Match[str]) -> str:
        forms = phone_forms(match.group(0))
        if forms:
            query.phones.append(forms[0])
            return " "
        return match.group(0)

    rest = _PHONE_RUN.sub(take_phone, normalised)
    found, rest = synonym_terms(rest)
    words = [loose(t) for t in tokens(rest)] + found
    stop: list[str] = []
    for word in dict.fromkeys(words):
        intent = _INTENT_LOOSE.get(word)
        if word in _STOP_LOOSE:
            stop.append(word)
        elif intent:
            query.intents.add(intent)
            query.optional.append(word)
        else:
            query.required.append(word)
    if not query.required and not query.phones and query.optional:
        # "ফোন" alone: then the word itself is what to look for.
        query.required, query.optional = query.optional, []
    if query.empty and stop:
        query.required = stop  # "কি" alone: look for it rather than for nothing
    return query


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance with early exit once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def typo_limit(term: str) -> int:
    """How many letters may be wrong: one in a short word, two in a long one."""
    return 1 if len(term) <= 7 else 2
