"""No rule names an article (issue 14): the patterns, word lists and examples (`doc`) of the context rules, the cue
words and the trigger lexicon hold no phrase of five words or more that stands verbatim in an annotated article of
train/ or dev/ (the sets rasd learns from; test/ is never read). A rule written for one article's sentence is the
kind of rule that does not carry to text nobody tuned it to, and its examples are written for it, not quoted."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from rasd.text.normalize import fold

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
#: Five Arabic words in a row: shorter runs are ordinary phrases ("في وقت سابق من").
_RUN = re.compile(r"[\u0621-\u064A]+(?:\s+[\u0621-\u064A]+){4,}")
#: A pattern's spaces as written in regex syntax ("ما\\s+اسفر\\s+عن"): read as spaces.
_SPACES = re.compile(r"\\s[+*?]?")


def _strings(node):
    """Every string of a YAML tree (patterns, words, docs)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _rule_files() -> list:
    data = resources.files("rasd.kb").joinpath("data")
    return [*sorted(data.joinpath("rules").iterdir(), key=lambda p: p.name), data / "cues.yaml", data / "triggers.yaml"]


@pytest.mark.skipif(not (EVAL / "train" / "articles.jsonl").exists(), reason="../shared/eval is not beside the checkout")
def test_no_rule_holds_a_phrase_of_an_annotated_article():
    texts = []
    for part in ("train", "dev"):
        for line in (EVAL / part / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            texts.append((article["gold_id"], fold(f"{article.get('title') or ''} {article.get('content') or ''}")))
    found = []
    for path in _rule_files():
        if not path.name.endswith(".yaml"):
            continue
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for run in _RUN.findall(_SPACES.sub(" ", text)):
                phrase = fold(run)
                found += [(path.name, run, gold_id) for gold_id, body in texts if phrase in body][:1]
    assert not found, found
