"""Word lists for attribution, read from the package's ``data/*.txt`` files.

Every list lives in a text file (one entry a line, ``#`` starts a comment) so that linguists can extend it
without touching code. :func:`load_lexicon` reads them all into one frozen :class:`Lexicon`; an
:class:`~copydesk.attribute.Attributor` loads it once in ``setup()`` and keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from copydesk.errors import ModelError

_PACKAGE = "copydesk.attribute"


def read_list(name: str) -> list[list[str]]:
    """Return the non-comment lines of ``data/<name>`` split into whitespace-separated fields."""
    try:
        raw = resources.files(_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ModelError(f"attribute word list {name!r} is missing; reinstall copydesk") from exc
    rows: list[list[str]] = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append(line.split())
    return rows


def inflect(lemma: str) -> set[str]:
    """Return the lemma with its regular -s, -ed and -ing forms (irregular ones come from the file)."""
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith(("sh", "ch", "x", "ss")):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    return {lemma, lemma + "s", lemma + "ed", lemma + "ing"}


def _verb_forms(name: str) -> dict[str, str]:
    forms: dict[str, str] = {}
    for row in read_list(name):
        lemma = row[0].lower()
        for form in inflect(lemma) | {f.lower() for f in row[1:] if not f.startswith("+")}:
            forms.setdefault(form, lemma)
    return forms


def _verb_flags(name: str, flag: str) -> frozenset[str]:
    return frozenset(row[0].lower() for row in read_list(name) if flag in row[1:])


def _sections(name: str) -> dict[str, frozenset[str]]:
    """Read a list split into ``[section]`` headings."""
    out: dict[str, set[str]] = {}
    current = ""
    for row in read_list(name):
        word = " ".join(row)
        if word.startswith("[") and word.endswith("]"):
            current = word[1:-1]
            continue
        out.setdefault(current, set()).add(word.lower())
    return {key: frozenset(words) for key, words in out.items()}


def _words(name: str) -> frozenset[str]:
    return frozenset(" ".join(row).lower() for row in read_list(name))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All word lists attribution uses, lower-cased."""

    cues: dict[str, str]  # inflected form -> lemma, verbs that report speech
    direct_cues: dict[str, str]  # verbs that only attribute direct quotes
    object_cues: frozenset[str]  # lemmas that take a listener: "told reporters that ..."
    to_cues: frozenset[str]  # lemmas whose report can be an infinitive: "vowed to return"
    that_cues: frozenset[str]  # lemmas that report speech only before "that": "confirmed that ..."
    be_forms: frozenset[str]
    honorifics: dict[str, str]  # "mr" -> "m"
    titles: frozenset[str]
    roles: frozenset[str]
    pronouns: dict[str, str]  # "he" -> "m"
    abbreviations: frozenset[str]
    adverbs: frozenset[str]
    cap_adverbs: frozenset[str]  # adverbs that may be skipped when capitalised (Monday), lower-cased
    frame_open: frozenset[str]  # "in", "on": open a phrase saying how or when ("in a statement")
    frame_nouns: frozenset[str]  # "statement", "monday": show that such a phrase is one
    boundaries: frozenset[str]
    function_words: frozenset[str]
    org_words: frozenset[str]
    org_nouns: dict[str, str]  # "company" -> "ORG", "city" -> "GPE"
    documents: frozenset[str]  # "statement", "complaint": their author speaks through them
    loose_org_nouns: frozenset[str]  # "company": may stand for any organisation named before
    places: frozenset[str]
    place_stems: frozenset[str]  # first four letters of one-word places: "Kore", "Cana"
    given_names: dict[str, str]  # "Michelle" -> "f": the gender a first name usually carries
    agents: frozenset[str]  # roles that act for someone else: "the spokesman" is not the story's main figure
    past_verbs: frozenset[str]  # irregular past forms that begin a verb phrase: "sought", "gave"

    def cue_lemma(self, word: str, *, direct: bool = False) -> str | None:
        """Return the lemma of ``word`` if it is a speech cue (``direct`` admits direct-only cues)."""
        low = word.lower()
        lemma = self.cues.get(low)
        if lemma is None and direct:
            lemma = self.direct_cues.get(low)
        return lemma

    def skippable(self, word: str) -> bool:
        """True for an adverb that may stand between a speaker, its cue and what was said."""
        low = word.lower()
        if word[:1].isupper():
            return low in self.cap_adverbs
        return low in self.adverbs

    def honorific(self, word: str) -> str | None:
        """Return the gender an honorific implies ("m", "f" or "-"), or None if it is not one."""
        return self.honorifics.get(word.lower().rstrip("."))


def load_lexicon() -> Lexicon:
    """Read every word list from the package data."""
    honorifics = {
        row[0].lower().rstrip("."): (row[1] if len(row) > 1 else "-") for row in read_list("honorifics.txt")
    }
    pronouns = {row[0].lower(): row[1] for row in read_list("pronouns.txt")}
    frames = _sections("frames.txt")
    places = frozenset(" ".join(row) for row in read_list("places.txt"))
    return Lexicon(
        cues=_verb_forms("cues.txt"),
        direct_cues=_verb_forms("cues_direct.txt"),
        object_cues=_verb_flags("cues.txt", "+object"),
        to_cues=_verb_flags("cues.txt", "+to"),
        that_cues=_verb_flags("cues.txt", "+that"),
        be_forms=_words("be.txt"),
        honorifics=honorifics,
        titles=_words("titles.txt"),
        roles=_words("roles.txt"),
        pronouns=pronouns,
        abbreviations=_words("abbreviations.txt"),
        adverbs=_words("adverbs.txt"),
        cap_adverbs=frozenset(row[0].lower() for row in read_list("adverbs.txt") if row[0][:1].isupper()),
        frame_open=frames["open"],
        frame_nouns=frames["noun"],
        boundaries=_words("boundaries.txt"),
        function_words=_words("function_words.txt"),
        org_words=_words("org_words.txt"),
        org_nouns={row[0].lower(): row[1] for row in read_list("org_nouns.txt")},
        documents=_words("documents.txt"),
        loose_org_nouns=frozenset(row[0].lower() for row in read_list("org_nouns.txt") if "any" in row[2:]),
        places=places,
        place_stems=frozenset(p.split()[-1][:4] for p in places if len(p.split()[-1]) >= 4),
        given_names={row[0]: row[1] for row in read_list("given_names.txt")},
        agents=_words("agents.txt"),
        past_verbs=_words("past_verbs.txt"),
    )
