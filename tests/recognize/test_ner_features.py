"""NER features: the per-token cache, the word-class file format and the news statistics it is built from."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.recognize.ner_features import FEATURES_VERSION, FeatureExtractor, Gazetteer, read_clusters

REPO = Path(__file__).resolve().parents[2]
SENTENCE = "قال الرئيس الأمريكي جورج بوش في واشنطن إن وزارة الدفاع سترسل قوات إضافية إلى بغداد .".split()


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _clusters(tmp_path: Path) -> Path:
    path = tmp_path / "c.tsv"
    rows = ["في\t1\t10\t0\t0", "بغداد\t2\t20\t0\t0", "جورج\t3\t30\t0\t0", "دفاع\t4\t40\t3\t2", "الدفاع\t4\t41\t0\t1"]
    path.write_text(f"# {FEATURES_VERSION}\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_cached_features_equal_fresh_ones(tmp_path: Path) -> None:
    gaz = Gazetteer([("LOC", "بغداد"), ("PERS", "جورج بوش"), ("ORG", "وزارة الدفاع")])
    clusters = read_clusters(_clusters(tmp_path))
    fx = FeatureExtractor(gaz, clusters)
    first = fx.sentence(SENTENCE)
    again = fx.sentence(SENTENCE)  # every token now comes from the cache
    fresh = FeatureExtractor(gaz, clusters, cache_size=1).sentence(SENTENCE)
    assert first == again == fresh
    assert first[0] is not again[0]  # callers may extend a sentence's lists without touching the cache
    by_token = dict(zip(SENTENCE, first, strict=True))
    assert "g=B-PERS" in by_token["جورج"] and "g=I-PERS" in by_token["بوش"]
    assert "g[1]=B-PERS" in by_token["الأمريكي"]
    assert {"c0=2", "c1=20"} <= set(by_token["بغداد"])
    assert "w[-1]=<s>" in first[0] and "w[1]=</s>" in first[-1]
    # the article band describes the stem (دفاع), marked as seen with the article on this token
    assert "ab=3A" in by_token["الدفاع"] and "sb=2" in by_token["الدفاع"]


def test_read_clusters_adds_frequency_band_and_rejects_ragged_rows(tmp_path: Path) -> None:
    clusters = read_clusters(_clusters(tmp_path))
    assert clusters["في"] == ("1", "10", "0", "0", "0")
    bad = tmp_path / "bad.tsv"
    bad.write_text(f"# {FEATURES_VERSION}\nفي\t1\t2\t0\t0\nمن\t1\t0\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_clusters(bad)
    assert err.value.line == 3


def test_productivity_separates_names_from_nouns() -> None:
    build = _script("build_ner_clusters")
    freq = Counter({"بغداد": 50, "وبغداد": 5, "قرار": 20, "القرار": 60, "والقرار": 5, "قراره": 10, "نادر": 2})
    assert build.productivity(freq, "بغداد") == ("0", "0")  # never with ال or a suffix: a name's profile
    assert build.productivity(freq, "قرار") == ("3", "2")  # 65 of 85 with ال, 10 of 95 with a suffix
    assert build.productivity(freq, "نادر") == ("-", "-")  # too rare to say


def test_build_word_classes_on_a_tiny_corpus(tmp_path: Path) -> None:
    build = _script("build_ner_clusters")
    texts = [f"قال الرئيس {name} في {place} إن القوات وصلت إلى {place} ." for name in ("بوش", "بلير", "شيراك", "بوتين")
             for place in ("بغداد", "لندن", "باريس", "موسكو")] * 3
    out = tmp_path / "classes.tsv"
    n = build.build(build.folded_sentences(texts), out, vocab=100, min_count=2, contexts=30, dims=4, sizes=(2, 4))
    clusters = read_clusters(out)
    assert n == len(clusters) > 10
    assert all(len(row) == 5 for row in clusters.values())  # 2 class levels, 2 productivity bands, frequency band
    assert clusters["بغداد"][2:4] == ("0", "0")
    assert FeatureExtractor(Gazetteer(), clusters).levels == 2
