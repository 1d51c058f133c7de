"""NER: the packaged model, the CoNLL file interface and its errors, and the training script on a tiny slice."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from rasd.errors import InputError, TextError
from rasd.recognize.ner import (
    CLUSTERS_SUFFIX,
    DEFAULT_MODEL,
    GAZ_SUFFIX,
    PASS1_SUFFIX,
    NerTagger,
    bio_spans,
    companion_path,
    document_memory,
    repair_bio,
    split_proclitics,
    tag_conll_file,
    to_bioes,
    tokenize,
)

REPO = Path(__file__).resolve().parents[2]
SENTENCE = "قال الرئيس الأمريكي جورج بوش في واشنطن إن وزارة الدفاع سترسل قوات إضافية إلى بغداد ."
ANERCORP_TRAIN = Path("/work/shared/data/ner/ANERCorp_train_recon_camelsplit.txt")
NEWS = Path("/work/shared/data/news/saudinewsnet/zips")


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger.load()


def test_packaged_model_is_small_and_cached(tagger: NerTagger) -> None:
    files = [DEFAULT_MODEL] + [companion_path(DEFAULT_MODEL, s) for s in (GAZ_SUFFIX, CLUSTERS_SUFFIX, PASS1_SUFFIX)]
    assert all(f.is_file() for f in files)
    assert sum(f.stat().st_size for f in files) < 20_000_000
    assert NerTagger.load() is tagger


def test_tags_a_real_sentence(tagger: NerTagger) -> None:
    tokens = SENTENCE.split()
    tags = tagger.tag_tokens(tokens)
    assert len(tags) == len(tokens)
    found = {(" ".join(tokens[s:e]), t) for s, e, t in bio_spans(tags)}
    assert ("جورج بوش", "PERS") in found
    assert ("واشنطن", "LOC") in found and ("بغداد", "LOC") in found


def test_entities_spans_point_into_original_text(tagger: NerTagger) -> None:
    text = "وصل رئيس الوزراء العراقي نوري المالكي، صباح اليوم، إلى طهران  في زيارة رسمية."
    mentions = tagger.entities(text)
    for m in mentions:
        assert text[m.span.start:m.span.end] == m.span.text
        assert m.kind in {"person", "place", "organisation", "misc"}
        assert 0.0 < m.confidence <= 1.0
    kinds = {(m.span.text, m.kind) for m in mentions}
    assert ("طهران", "place") in kinds
    assert ("نوري المالكي", "person") in kinds  # the comma after the name is not part of the span


def test_tag_tokens_empty_and_bad_input(tagger: NerTagger) -> None:
    assert tagger.tag_tokens([]) == []
    assert tagger.entities("") == []
    with pytest.raises(TextError):
        tagger.tag_tokens("بغداد")  # type: ignore[arg-type]
    with pytest.raises(TextError):
        tagger.entities(None)  # type: ignore[arg-type]


def test_document_memory_sees_other_sentences_only() -> None:
    sentences = [["قال", "رامسفيلد"], ["رامسفيلد", "و", "بوش"], ["بغداد"]]
    tags = [["O", "B-PERS"], ["O", "O", "B-PERS"], ["B-LOC"]]
    memory = document_memory(sentences, tags, window=1)
    assert memory[1][0] == {"PERS"}  # the bare repeat learns what the first mention was called
    assert memory[0][1] == set()  # a tag never supports itself
    assert memory[2][0] == set()


def test_tag_sentences_matches_lengths(tagger: NerTagger) -> None:
    doc = [SENTENCE.split(), ["وقال", "بوش", "إن", "الحرب", "مستمرة", "."]]
    tagged = tagger.tag_sentences(doc)
    assert [len(t) for t in tagged] == [len(s) for s in doc]


def test_tokenize_keeps_offsets_and_vocalised_words() -> None:
    text = "ضَرَبَ (الموصلَ) 3.5% ،"
    toks = tokenize(text)
    assert [t for t, _, _ in toks] == ["ضَرَبَ", "(", "الموصلَ", ")", "3.5%", "،"]
    assert all(text[s:e] == t for t, s, e in toks)


def test_split_proclitics() -> None:
    assert split_proclitics("والعراق") == ("وال", "عراق")
    assert split_proclitics("بالموصل") == ("بال", "موصل")
    assert split_proclitics("للجيش") == ("لل", "جيش")
    assert split_proclitics("بغداد") == ("", "بغداد")  # ب is not stripped without the article
    assert split_proclitics("لبنان") == ("", "لبنان")


def test_bioes_round_trip() -> None:
    bio = ["B-PERS", "I-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "I-ORG", "O", "B-ORG", "I-ORG"]
    bioes = to_bioes(bio)
    assert bioes == ["B-PERS", "I-PERS", "E-PERS", "O", "S-LOC", "S-LOC", "E-ORG", "O", "B-ORG", "E-ORG"]
    assert repair_bio(bioes) == ["B-PERS", "I-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "B-ORG", "O", "B-ORG", "I-ORG"]


def test_bio_spans_treats_stray_inside_as_start() -> None:
    assert bio_spans(["O", "I-LOC", "I-LOC", "B-PERS", "I-ORG"]) == [(1, 3, "LOC"), (3, 4, "PERS"), (4, 5, "ORG")]


def test_tag_conll_file_round_trip(tmp_path: Path) -> None:
    src = tmp_path / "in.conll"
    src.write_text("\n".join(SENTENCE.split()[:7]) + "\n\n\nالتقى O\nبوتين O\n", encoding="utf-8")
    out = tmp_path / "out.conll"
    assert tag_conll_file(src, out) == 9
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[7:10] == ["", "", "التقى O"]  # both blank lines kept; only the token column is read
    assert lines[10].startswith("بوتين ")
    tagged = [line.split() for line in lines if line]
    assert [t[0] for t in tagged] == SENTENCE.split()[:7] + ["التقى", "بوتين"]
    assert tagged[3] == ["جورج", "B-PERS"] and tagged[4] == ["بوش", "I-PERS"]


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        (None, "not found", None),
        (b"", "empty", None),
        (b"  \n\n", "empty", None),
        (b"word\nother\n\x00\x01binary", "binary", 3),
        ("كلمة\n".encode() + b"\xff\xfe bad\n", "UTF-8", 2),
    ],
)
def test_tag_conll_file_errors(tmp_path: Path, content: bytes | None, message: str, line: int | None) -> None:
    src = tmp_path / "in.conll"
    if content is not None:
        src.write_bytes(content)
    with pytest.raises(InputError, match=message) as err:
        tag_conll_file(src, tmp_path / "out.conll")
    assert err.value.path == str(src) and err.value.line == line
    assert not (tmp_path / "out.conll").exists()


def test_load_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        NerTagger.load(tmp_path / "nope.crfsuite")
    model = tmp_path / "m.crfsuite"
    model.write_bytes(DEFAULT_MODEL.read_bytes())
    with pytest.raises(InputError, match="gazetteer"):
        NerTagger.load(model)
    companion_path(model, GAZ_SUFFIX).write_text("# rasd-ner-features 0\nLOC\tبغداد\n", encoding="utf-8")
    companion_path(model, CLUSTERS_SUFFIX).write_text("# rasd-ner-features 0\n", encoding="utf-8")
    with pytest.raises(InputError, match="retrain"):
        NerTagger.load(model)


@pytest.mark.skipif(not (ANERCORP_TRAIN.is_file() and NEWS.is_dir()), reason="needs ../shared/data")
def test_training_script_on_a_tiny_slice(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("train_ner", REPO / "scripts" / "train_ner.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_ner"] = module
    spec.loader.exec_module(module)
    code = module.main(["--limit", "60", "--max-iter", "15", "--no-geonames", "--no-eval", "--out-dir", str(tmp_path),
                        "--name", "tiny", "--folds", "2", "--corpus-limit", "150"])
    assert code == 0
    assert companion_path(tmp_path / "tiny.crfsuite", PASS1_SUFFIX).is_file()
    tagger = NerTagger.load(tmp_path / "tiny.crfsuite")
    assert tagger.gazetteer.phrases  # the ANERgazet lists were baked in
    assert len(tagger.clusters) > 100  # word classes were learnt from the news sample
    tags = tagger.tag_tokens(["قال", "محمد", "في", "عمان", "."])
    assert len(tags) == 5 and all(t == "O" or t[:2] in ("B-", "I-") for t in tags)
