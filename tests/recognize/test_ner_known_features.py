"""The tagger leaves out the features its models have no weights for: same features otherwise, same tags."""

from __future__ import annotations

import pycrfsuite
import pytest

from rasd.recognize.ner import DEFAULT_MODEL, PASS1_SUFFIX, NerTagger, companion_path
from rasd.recognize.ner_features import FeatureExtractor, read_model_attributes, tokenize

SENTENCES = [
    "قال المتحدث باسم وزارة الداخلية العراقية العميد سعد معن إن مسلحين هاجموا نقطة تفتيش في بلدة الطارمية.",
    "وأعلن تنظيم داعش مسؤوليته عن التفجير الذي استهدف سوقا شعبيا في مدينة الصدر شرقي بغداد أمس الأحد.",
    "Reuters: 12 killed in Ramadi, officials say.",
]


def test_the_attribute_dictionary_of_a_model_file_is_read_whole():
    attrs = read_model_attributes(DEFAULT_MODEL)
    assert attrs is not None and "bias" in attrs
    tagger = pycrfsuite.Tagger()
    tagger.open(str(DEFAULT_MODEL))
    assert attrs == {a for a, _ in tagger.info().state_features}


def test_a_file_that_is_not_a_crfsuite_model_gives_none(tmp_path):
    other = tmp_path / "x.crfsuite"
    other.write_bytes(b"lCRF" + b"\0" * 60)
    assert read_model_attributes(other) is None
    assert read_model_attributes(tmp_path / "missing.crfsuite") is None


@pytest.mark.parametrize("sentence", SENTENCES)
def test_known_features_are_the_full_ones_filtered_in_order_and_tag_the_same(sentence):
    ner = NerTagger.load()
    known = ner.features.known
    assert known is not None  # the packaged models are read
    full = FeatureExtractor(ner.gazetteer, ner.clusters, cache_size=0)
    kept = FeatureExtractor(ner.gazetteer, ner.clusters, known=known)
    tokens = [t for t, _, _ in tokenize(sentence)]
    all_feats, known_feats = full.sentence(tokens), kept.sentence(tokens)
    assert known_feats == [[f for f in fs if f in known] for fs in all_feats]
    assert known_feats != all_feats  # something was left out
    assert kept.sentence(tokens) == known_feats  # and the cached path gives the same
    for path in (DEFAULT_MODEL, companion_path(DEFAULT_MODEL, PASS1_SUFFIX)):
        crf = pycrfsuite.Tagger()
        crf.open(str(path))
        tags = crf.tag(all_feats)
        probs = [crf.marginal(t, i) for i, t in enumerate(tags)]
        assert crf.tag(known_feats) == tags
        assert [crf.marginal(t, i) for i, t in enumerate(tags)] == probs
