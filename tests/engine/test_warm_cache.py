"""The surface index and mention automaton read back from the warm cache (rasd.engine.warm_cache) are those the KB
builds: the same forms and entries in the same order, the same automaton, the same mentions found in real text."""

from __future__ import annotations

from pathlib import Path

from rasd.engine import warm_cache
from rasd.kb import build_kb, load_kb
from rasd.recognize.mentions import build_automaton, find_mentions, payload_table

from .conftest import SAMPLE


def _fresh_kb():
    """A KB of the packaged files that has built nothing yet (load_kb's is shared by the whole test session)."""
    return build_kb(load_kb().gazetteer)


def _texts(n: int = 30) -> list[str]:
    import json

    return [json.loads(line)["content"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:n]]


def test_cached_index_and_automaton_equal_the_built_ones(tmp_path, monkeypatch):
    monkeypatch.setenv(warm_cache.CACHE_ENV, str(tmp_path))
    built = _fresh_kb()
    assert warm_cache.warm_mentions(built) is False  # nothing on disk yet: built, then written
    assert len(list(tmp_path.glob("mentions-*.marshal"))) == 1
    cached = _fresh_kb()
    assert warm_cache.warm_mentions(cached) is True
    index, expected = cached.surface_index(), built.surface_index()
    assert index is not expected and list(index.items()) == list(expected.items())
    assert list(payload_table(index).items()) == list(payload_table(expected).items())
    automaton, reference = build_automaton(cached), build_automaton(built)
    assert automaton is not reference and dict(automaton.items()) == dict(reference.items())
    for text in _texts():
        assert find_mentions(text, cached) == find_mentions(text, built)


def test_another_kb_or_a_broken_file_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv(warm_cache.CACHE_ENV, str(tmp_path))
    kb = _fresh_kb()
    warm_cache.warm_mentions(kb)
    extra = tmp_path / "extra.yaml"
    extra.write_text("actors: []\n", encoding="utf-8")
    assert warm_cache.kb_key([str(extra)]) != warm_cache.kb_key([])
    path = next(tmp_path.glob("mentions-*.marshal"))
    path.write_bytes(path.read_bytes()[:1000])  # cut short: marshal cannot read it
    again = _fresh_kb()
    assert warm_cache.warm_mentions(again) is False
    assert list(again.surface_index().items()) == list(kb.surface_index().items())
    assert warm_cache.warm_mentions(_fresh_kb()) is True  # the rebuild wrote a whole file again


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(warm_cache.CACHE_ENV, "")
    assert warm_cache.cache_dir() is None
    assert warm_cache.warm_mentions(_fresh_kb()) is False
    monkeypatch.setenv(warm_cache.CACHE_ENV, str(tmp_path / "c"))
    assert warm_cache.cache_dir() == Path(tmp_path / "c")




_EXTRACT_FEW = """
import json, sys
from itertools import islice
from rasd.engine.work import extract_partition, warm
from rasd.ingest.sources import iter_articles
warm()
articles = list(islice(iter_articles([sys.argv[1]]), 12))
print(json.dumps([[p.article, p.mentions, [r.data for r in p.reports]] for p in extract_partition(articles)],
                 default=str, ensure_ascii=False, sort_keys=True))
"""


def test_the_same_results_with_every_cache_off_as_from_the_caches():
    """Twelve real articles through the warmed pipeline in a fresh process with no cache at all (everything read
    from the package's files) and in this one, which reads every cache (the session's cache folder): the same
    rows."""
    import json
    import os
    import subprocess
    import sys
    from itertools import islice

    from rasd.engine.work import extract_partition, warm
    from rasd.ingest.sources import iter_articles

    env = dict(os.environ, RASD_CACHE_DIR="")
    without = subprocess.run([sys.executable, "-c", _EXTRACT_FEW, str(SAMPLE)], env=env, check=True,
                             capture_output=True, text=True).stdout
    assert os.environ.get("RASD_CACHE_DIR") and warm_cache.cache_dir() is not None
    warm()
    with_caches = extract_partition(list(islice(iter_articles([str(SAMPLE)]), 12)))
    assert '"event_id"' in without  # some events to compare
    assert json.dumps([[p.article, p.mentions, [r.data for r in p.reports]] for p in with_caches], default=str,
                      ensure_ascii=False, sort_keys=True) + "\n" == without
