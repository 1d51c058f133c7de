"""Near-duplicate articles: wire copies syndicated by many outlets become one story with many sources.

Exact duplicates already share an `article_id` (the hash of the normalised text). Near duplicates (the same agency
wire with a different headline, a dateline added, a sentence cut) are found with MinHash over word 3-grams of the
folded text (alef/yaa/taa-marbuta folding, diacritics and punctuation gone, so spelling variants do not count as
differences) and an LSH index (datasketch), which finds candidates in sub-linear time; a candidate joins the cluster
of the most similar earlier article when the estimated Jaccard similarity reaches the threshold.

Clusters are built incrementally in ingest order and a cluster is named after its first article (its seed), so adding
articles never renames an existing cluster. A new article is compared with the seeds of the clusters its LSH
candidates belong to, not with any member: matching any member chains a series of template wires («وصول الطائرة
الإغاثية الرابعة / الخامسة / السادسة إلى عدن», «القيادة تهنئ رئيس ... بذكرى الاستقلال» for one country after
another) into one false 30-article story, which the SaudiNewsNet figures showed. The assignments live in the `article_clusters` table (migration 0005_ingest).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rasd.pipeline import arabic_share
from rasd.text.normalize import fold

log = logging.getLogger(__name__)

#: Estimated Jaccard similarity of word 3-gram sets from which two articles are one story (syndicated copies with
#: a new headline or a trimmed ending score 0.6-0.95; two articles on one topic by different writers score < 0.2).
DEFAULT_THRESHOLD = 0.5
NUM_PERM = 128
SHINGLE_WORDS = 3
#: Texts with fewer word 3-grams than this are too short to compare reliably: each is its own cluster.
MIN_SHINGLES = 8
_WORD = re.compile(r"[^\W_]+")
_ARABIC = re.compile("[\u0621-\u064a]")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of word k-grams of the folded text (as UTF-8 bytes, ready for hashing).

    In an Arabic text only Arabic words and numbers count: Latin-script tokens there are page residue (poll widgets'
    JavaScript, share-bar labels, URLs) that made unrelated articles of one site look alike.
    """
    words = _WORD.findall(fold(text).lower())
    if arabic_share(text) >= 0.3:
        words = [w for w in words if w.isdigit() or _ARABIC.search(w)]
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    """Exact Jaccard similarity (for checking the MinHash estimate)."""
    return len(a & b) / len(a | b) if a or b else 1.0


@dataclass
class NearDuplicateIndex:
    """Incremental clustering: `add(article_id, text)` returns (cluster_id, similarity to the cluster's seed)."""

    threshold: float = DEFAULT_THRESHOLD
    num_perm: int = NUM_PERM
    clusters: dict[str, str] = field(default_factory=dict)
    _lsh: Any = None
    _hashes: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)

    def minhash(self, text: str) -> Any | None:
        from datasketch import MinHash

        grams = shingles(text)
        if len(grams) < MIN_SHINGLES:
            return None
        m = MinHash(num_perm=self.num_perm)
        m.update_batch(list(grams))
        return m

    def add(self, article_id: str, text: str, cluster_id: str | None = None) -> tuple[str, float]:
        """Place one article; `cluster_id` forces a known assignment (when reloading stored clusters)."""
        if article_id in self.clusters:
            return self.clusters[article_id], 1.0
        m = self.minhash(text)
        similarity = 1.0
        if cluster_id is None:
            cluster_id = article_id
            if m is not None:
                best, best_sim = None, 0.0
                for seed in sorted({self.clusters[other] for other in self._lsh.query(m)}):
                    sim = m.jaccard(self._hashes[seed]) if seed in self._hashes else 0.0
                    if sim > best_sim:
                        best, best_sim = seed, sim
                if best is not None and best_sim >= self.threshold:
                    cluster_id, similarity = best, best_sim
        self.clusters[article_id] = cluster_id
        if m is not None:
            self._hashes[article_id] = m
            self._lsh.insert(article_id, m)
        return cluster_id, similarity

    def summary(self, top: int = 5) -> dict[str, Any]:
        """Figures: articles, clusters, clusters with several articles, articles in them, the largest sizes."""
        sizes = Counter(self.clusters.values())
        multi = [n for n in sizes.values() if n > 1]
        return {"articles": len(self.clusters), "clusters": len(sizes), "multi_article_clusters": len(multi),
                "articles_in_multi": sum(multi), "largest": sorted(multi, reverse=True)[:top]}


def cluster_texts(items: Iterable[tuple[str, str]], threshold: float = DEFAULT_THRESHOLD) -> NearDuplicateIndex:
    """Cluster (article_id, text) pairs in the given order."""
    index = NearDuplicateIndex(threshold=threshold)
    for article_id, text in items:
        index.add(article_id, text)
    return index


# -- the store side ------------------------------------------------------------------------------------------------

def update_clusters(engine: Any, index: NearDuplicateIndex | None = None, threshold: float = DEFAULT_THRESHOLD,
                    rebuild: bool = False, batch: int = 500) -> tuple[NearDuplicateIndex, list[str]]:
    """Assign every stored article that has no cluster yet; returns (index, the ids assigned now).

    Pass the index back in on the next call (a watcher does) to avoid reloading; without one it is rebuilt from the
    stored assignments. `rebuild=True` forgets every assignment and clusters the whole store again.
    """
    from sqlalchemy import delete, select

    from rasd.store.repository import write_session
    from rasd.store.schema import ArticleClusterRow, ArticleRow

    order = (ArticleRow.ingested_at, ArticleRow.article_id)
    with write_session(engine) as session:  # its transactions read, then write: they take the lock up front
        if rebuild:
            session.execute(delete(ArticleClusterRow))
            session.commit()
            index = None
        if index is None:
            index = NearDuplicateIndex(threshold=threshold)
            known = select(ArticleRow.article_id, ArticleRow.text, ArticleClusterRow.cluster_id).join(
                ArticleClusterRow, ArticleClusterRow.article_id == ArticleRow.article_id).order_by(*order)
            for article_id, text, cluster_id in session.execute(known):
                index.add(article_id, text, cluster_id)
        new = select(ArticleRow.article_id).outerjoin(
            ArticleClusterRow, ArticleClusterRow.article_id == ArticleRow.article_id).where(
            ArticleClusterRow.article_id.is_(None)).order_by(*order)
        pending = list(session.scalars(new))
        for start in range(0, len(pending), batch):  # texts read a batch at a time: memory stays flat
            ids = pending[start:start + batch]
            texts = {aid: text for aid, text in session.execute(
                select(ArticleRow.article_id, ArticleRow.text).where(ArticleRow.article_id.in_(ids)))}
            for article_id in ids:
                cluster_id, similarity = index.add(article_id, texts[article_id])
                session.add(ArticleClusterRow(article_id=article_id, cluster_id=cluster_id, similarity=similarity))
            session.commit()
    return index, pending


def stored_clusters(engine: Any, min_size: int = 2, limit: int | None = None) -> list[dict[str, Any]]:
    """Clusters with at least `min_size` stored articles, largest first: id, size, outlets, titles, urls."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from rasd.store.schema import ArticleClusterRow, ArticleRow

    with Session(engine) as session:
        sizes = (select(ArticleClusterRow.cluster_id, func.count().label("n")).group_by(ArticleClusterRow.cluster_id)
                 .having(func.count() >= min_size).order_by(func.count().desc(), ArticleClusterRow.cluster_id))
        if limit:
            sizes = sizes.limit(limit)
        out = []
        for cluster_id, n in session.execute(sizes).all():
            rows = session.execute(select(ArticleRow.outlet, ArticleRow.title, ArticleRow.url, ArticleRow.article_id)
                                   .join(ArticleClusterRow, ArticleClusterRow.article_id == ArticleRow.article_id)
                                   .where(ArticleClusterRow.cluster_id == cluster_id)
                                   .order_by(ArticleRow.ingested_at, ArticleRow.article_id)).all()
            out.append({"cluster_id": cluster_id, "size": n, "outlets": sorted({r[0] for r in rows if r[0]}),
                        "titles": [r[1] for r in rows], "urls": [r[2] for r in rows if r[2]],
                        "article_ids": [r[3] for r in rows]})
        return out


def cluster_of(engine: Any, article_id: str) -> str | None:
    """The cluster id of one stored article (None before clustering)."""
    from sqlalchemy.orm import Session

    from rasd.store.schema import ArticleClusterRow

    with Session(engine) as session:
        row = session.get(ArticleClusterRow, article_id)
        return row.cluster_id if row is not None else None
