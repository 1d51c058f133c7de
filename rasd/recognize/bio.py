"""BIO tag sequences and the entities they mark, shared by the NER backends (the CRF of ner.py and the BiLSTM-CRF
of ner_neural.py), so that neither backend imports the other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rasd.errors import TextError
from rasd.model import Mention, Span
from rasd.recognize.ner_features import tokenize

#: The tagger's entity types -> mention kinds.
KINDS: dict[str, str] = {"PERS": "person", "LOC": "place", "ORG": "organisation", "MISC": "misc"}


def entities_from_tags(text: str, tag: Callable[[list[list[str]]], list[tuple[list[str], list[float]]]],
                       ) -> list[Mention]:
    """Mentions from a backend's (BIO tags, per-token confidence) for the sentences of `text` (shared by backends)."""
    if not isinstance(text, str):
        raise TextError(f"expected text (str), got {type(text).__name__}")
    sentences = _sentences(tokenize(text))
    tagged = tag([[t for t, _, _ in sent] for sent in sentences])
    mentions: list[Mention] = []
    for sent, (tags, probs) in zip(sentences, tagged, strict=True):
        for start, end, typ in bio_spans(tags):
            span = Span.of(text, sent[start][1], sent[end - 1][2])
            confidence = round(sum(probs[start:end]) / (end - start), 3)
            mentions.append(Mention(KINDS[typ], span, label=typ, confidence=confidence, attrs={"source": "ner"}))
    return mentions


SENTENCE_END = {".", "!", "?", "؟"}


def _sentences(toks: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Split a token stream after sentence-final punctuation, the unit the model was trained on."""
    out: list[list[tuple[str, int, int]]] = [[]]
    for tok in toks:
        out[-1].append(tok)
        if tok[0] in SENTENCE_END:
            out.append([])
    return [s for s in out if s]


def to_bioes(tags: Sequence[str]) -> list[str]:
    """BIO -> BIOES (S- a one-token entity, E- the last token of a longer one): the encoding the model is trained
    in, since a first-order CRF then also learns where names end, not only where they start."""
    out = []
    for i, t in enumerate(tags):
        cont = i + 1 < len(tags) and tags[i + 1] == "I-" + t[2:]
        if t.startswith("B-"):
            out.append(t if cont else "S-" + t[2:])
        elif t.startswith("I-"):
            out.append(t if cont else "E-" + t[2:])
        else:
            out.append(t)
    return out


def repair_bio(tags: list[str]) -> list[str]:
    """BIOES or BIO -> BIO, an I- that does not continue an entity of its type made a B- (as conlleval reads it)."""
    out = ["B-" + t[2:] if t[:2] == "S-" else "I-" + t[2:] if t[:2] == "E-" else t for t in tags]
    for i, t in enumerate(out):
        if t.startswith("I-") and (i == 0 or out[i - 1][2:] != t[2:]):
            out[i] = "B-" + t[2:]
    return out


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) token ranges of the entities in a BIO sequence."""
    spans: list[tuple[int, int, str]] = []
    start, typ = None, None
    for i, t in enumerate([*tags, "O"]):
        if start is not None and (t == "O" or t.startswith("B-") or t[2:] != typ):
            spans.append((start, i, typ or ""))
            start, typ = None, None
        if t != "O" and start is None:
            start, typ = i, t[2:]
    return spans
