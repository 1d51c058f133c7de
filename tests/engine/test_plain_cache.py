"""The cache of plain values (rasd.plain_cache): a value read back is the computed one, in the same order; a
broken file, a file outside the package or a cache turned off fall back to computing."""

from __future__ import annotations

from pathlib import Path

from rasd import plain_cache


def _counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value

    return compute, calls


def test_a_value_is_computed_once_then_read_back_equal(tmp_path, monkeypatch):
    monkeypatch.setenv(plain_cache.CACHE_ENV, str(tmp_path))
    value = {"ب": (1, 2), "ا": frozenset({"x"}), "c": [0.1, 1e-4]}
    compute, calls = _counting(value)
    assert plain_cache.remembered("t", compute) == value
    again = plain_cache.remembered("t", compute)
    assert again == value and list(again) == list(value) and len(calls) == 1
    (file,) = tmp_path.glob("t-*.marshal")
    file.write_bytes(b"\x00broken")
    assert plain_cache.remembered("t", compute) == value and len(calls) == 2  # computed again, and rewritten
    assert plain_cache.remembered("t", compute) == value and len(calls) == 2


def test_off_or_outside_the_package_the_value_is_computed_each_time(tmp_path, monkeypatch):
    monkeypatch.setenv(plain_cache.CACHE_ENV, "")
    compute, calls = _counting(3)
    assert plain_cache.remembered("t", compute) == 3 and plain_cache.remembered("t", compute) == 3
    assert len(calls) == 2
    monkeypatch.setenv(plain_cache.CACHE_ENV, str(tmp_path / "c"))
    mine = tmp_path / "mine.txt"
    mine.write_text("a\n", encoding="utf-8")
    assert plain_cache.remembered_file(mine, lambda p: Path(p).read_text(encoding="utf-8")) == "a\n"
    mine.write_text("b\n", encoding="utf-8")  # a user's file is not in the package hash: never cached
    assert plain_cache.remembered_file(mine, lambda p: Path(p).read_text(encoding="utf-8")) == "b\n"
    assert not (tmp_path / "c").exists()
    assert plain_cache.package_key([mine]) != plain_cache.package_key()


def test_the_cached_tables_equal_the_files_they_come_from(tmp_path, monkeypatch):
    """Lexicon, clitic rates, NER word classes, place word counts: computed, cached, read back, all equal."""
    from rasd.kb import gazetteer
    from rasd.recognize import ner
    from rasd.text import clitics, lexicon

    monkeypatch.setenv(plain_cache.CACHE_ENV, str(tmp_path))
    clusters = ner.companion_path(ner.DEFAULT_MODEL, ner.CLUSTERS_SUFFIX)
    readers = [lambda: plain_cache.remembered_file(lexicon.LEXICON_PATH, lexicon._read_tables),
               lambda: plain_cache.remembered("clitic-rates", clitics._compute_rates),
               lambda: plain_cache.remembered_file(clusters, ner.read_clusters),
               gazetteer.load_word_counts]
    computed = [lexicon._read_tables(lexicon.LEXICON_PATH), clitics._compute_rates(), ner.read_clusters(clusters),
                gazetteer._read_word_counts()]
    for read, value in zip(readers, computed, strict=True):
        first, cached = read(), read()
        assert first == value and cached == value
    assert len(list(tmp_path.glob("*.marshal"))) == 4
    counts, _, _ = plain_cache.remembered_file(lexicon.LEXICON_PATH, lexicon._read_tables)
    assert list(counts) == list(computed[0][0])  # the order too: the clitic rates read the first 30,000 words


def test_the_gazetteer_from_its_cached_state_equals_the_built_one(tmp_path, monkeypatch):
    """Places, forms (each form's places in order), adjective bases, world tier, admin1 index: all equal."""
    from rasd.kb import gazetteer

    def loaded():
        gazetteer.load_gazetteer.cache_clear()
        try:
            return gazetteer.load_gazetteer()
        finally:
            gazetteer.load_gazetteer.cache_clear()

    monkeypatch.setenv(plain_cache.CACHE_ENV, "")
    built = loaded()
    monkeypatch.setenv(plain_cache.CACHE_ENV, str(tmp_path))
    first, cached = loaded(), loaded()  # built and written, then read back
    assert len(list(tmp_path.glob("gazetteer-*.marshal"))) == 1
    for gaz in (first, cached):
        assert list(gaz._places.items()) == list(built._places.items())
        assert [(f, list(ids.items())) for f, ids in gaz._forms.items()] == \
            [(f, list(ids.items())) for f, ids in built._forms.items()]
        assert gaz._adj_bases == built._adj_bases and gaz._vetted == built._vetted
        assert list(gaz._admin1.items()) == list(built._admin1.items())
    assert cached.candidates("بغداد") == built.candidates("بغداد")


def test_the_ner_name_lists_and_feature_names_from_the_cache_equal_the_files(tmp_path, monkeypatch):
    """The NER model's name lists (its Gazetteer) and the feature names its two models have weights for: written
    on the first load, read back on the next, equal to what the files give with the cache off; same tags."""
    from rasd.recognize import ner

    def load():
        return ner._load_cached.__wrapped__(str(ner.DEFAULT_MODEL))  # not the process's cached tagger

    monkeypatch.setenv(plain_cache.CACHE_ENV, "")
    direct = load()
    monkeypatch.setenv(plain_cache.CACHE_ENV, str(tmp_path))
    first, cached = load(), load()
    assert len(list(tmp_path.glob("file-recognize-*.marshal"))) == 4  # word classes, name lists, 2 models' features
    words = "قال مسؤول في وزارة الدفاع العراقية إن قوات الجيش دخلت مدينة الرمادي".split()
    for tagger in (first, cached):
        assert tagger.gazetteer.state() == direct.gazetteer.state()
        assert tagger.features.known == direct.features.known and len(direct.features.known) > 30000
        assert tagger.tag_tokens(words) == direct.tag_tokens(words)


def test_a_changed_data_file_of_the_package_is_never_served_from_the_old_cache(tmp_path, monkeypatch):
    """The cache files are named by a hash of every file of the package: edit one data file (or add one) and the
    next process computes the value again from the files (the old cache file, still on disk, is not read)."""
    package = tmp_path / "pkg"
    (package / "data").mkdir(parents=True)
    rules = package / "data" / "rules.yaml"
    rules.write_text("word: old\n", encoding="utf-8")
    monkeypatch.setattr(plain_cache, "PACKAGE", package)
    monkeypatch.setenv(plain_cache.CACHE_ENV, str(tmp_path / "cache"))
    computed = []

    def compute():
        computed.append(1)
        return rules.read_text(encoding="utf-8")

    def new_process_reads():
        plain_cache._package_digest.cache_clear()  # a new process hashes the package anew
        return plain_cache.remembered("rules", compute)

    try:
        assert new_process_reads() == "word: old\n" and new_process_reads() == "word: old\n"
        assert len(computed) == 1  # the second process read it back
        rules.write_text("word: new\n", encoding="utf-8")
        assert new_process_reads() == "word: new\n" and len(computed) == 2
        assert len(list((tmp_path / "cache").glob("rules-*.marshal"))) == 2
        (package / "data" / "more.yaml").write_text("", encoding="utf-8")
        assert new_process_reads() == "word: new\n" and len(computed) == 3
    finally:
        plain_cache._package_digest.cache_clear()  # the real package's hash for the rest of the session


def test_a_cache_folder_that_cannot_be_written_falls_back_to_computing(tmp_path, monkeypatch, caplog):
    """A cache folder that cannot be made (here under a regular file, so even root cannot) costs nothing but the
    cache: the value is computed every time, the mention index built, and the reason logged."""
    import logging

    from rasd.engine import warm_cache
    from rasd.kb import build_kb, load_kb

    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(plain_cache.CACHE_ENV, str(blocker / "cache"))
    compute, calls = _counting({"x": 1})
    with caplog.at_level(logging.DEBUG, logger="rasd"):
        assert plain_cache.remembered("t", compute) == {"x": 1} and plain_cache.remembered("t", compute) == {"x": 1}
        kb = build_kb(load_kb().gazetteer)
        assert warm_cache.warm_mentions(kb) is False and kb.surface_index()
    assert len(calls) == 2
    assert any("not written" in record.getMessage() for record in caplog.records)
