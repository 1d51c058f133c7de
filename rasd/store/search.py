"""Full-text search over stored articles: FTS5 on SQLite, tsvector on PostgreSQL, one tokenisation for both.

Arabic glues clitics to words (والموصل، بالموصل، للموصل), which neither FTS5's unicode61 tokenizer nor PostgreSQL's
'simple' configuration split off. So the searchable body is computed in Python: every word folded
(rasd.text.normalize) and reduced to its stem (rasd.text.segment), Latin words lower-cased. A query goes through the
same function, so "الموصل" finds "بالموصل" on both databases, and a plain-sqlite3 user can still search the FTS5
table with folded stems.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rasd.errors import StoreError

if TYPE_CHECKING:  # SQLAlchemy is imported where SQL is built: the workers compute `search_body` without it
    from sqlalchemy import ColumnElement, Connection, Select
    from sqlalchemy.orm import Session


def search_terms(value: str) -> list[str]:
    """The index terms of a text: folded stems of its words (numbers kept as written), in order.

    Tokens never cross whitespace, so the text is taken one whitespace-separated chunk at a time and each chunk's
    terms are memoised: news reuses its words, and indexing a backlog spends most of its time here otherwise.
    """
    out: list[str] = []
    for chunk in value.split():
        out.extend(_chunk_terms(chunk))
    return out


@lru_cache(maxsize=1 << 18)
def _chunk_terms(chunk: str) -> tuple[str, ...]:
    from rasd.text.segment import tokenize

    terms = []
    for tok in tokenize(chunk):
        if tok.is_number:
            terms.append(tok.norm)
        elif tok.is_word:
            term = (tok.stem or tok.norm).lower()
            if term:
                terms.append(term)
    return tuple(terms)


def search_body(title: str, body: str) -> str:
    """What gets indexed for an article: the terms of its title and text, space-separated."""
    return " ".join(search_terms(f"{title}\n{body}"))


def index_article(session: Session, article_id: str, title: str, body: str) -> None:
    """Add one article to the full-text index of this database (nothing on dialects without one)."""
    fts_rows(session.connection(), [(article_id, title, body)])


def fts_rows(conn: Connection, articles: list[tuple[str, str, str]], bodies: list[str] | None = None) -> None:
    """Add articles (article_id, title, text) to the full-text index, in one executemany per table. `bodies`, when
    given, are their `search_body`s already computed (by the workers of a parallel run, off the writer's time).

    On SQLite each FTS5 row's rowid is also recorded by article in `articles_fts_ids` (a narrow WITHOUT ROWID
    table), so a query can test "does this article contain the words" by rowid, cheaply, instead of listing every
    article that does (see `text_filter`).
    """
    from sqlalchemy import text

    dialect = conn.dialect.name
    if bodies is None:
        bodies = [search_body(t, b) for _a, t, b in articles]
    rows = [{"a": a, "b": body} for (a, _t, _b), body in zip(articles, bodies, strict=True)]
    if dialect == "sqlite":
        start = int(conn.execute(text("SELECT rowid FROM articles_fts ORDER BY rowid DESC LIMIT 1")).scalar() or 0)
        for n, row in enumerate(rows, start=start + 1):
            row["r"] = n
        conn.execute(text("INSERT INTO articles_fts (rowid, article_id, body) VALUES (:r, :a, :b)"), rows)
        conn.execute(text("INSERT INTO articles_fts_ids (article_id, fts_rowid) VALUES (:a, :r)"), rows)
    elif dialect == "postgresql":  # one statement for the batch (arrays), not a round trip per article
        conn.execute(text("INSERT INTO article_search (article_id, tsv) SELECT a, to_tsvector('simple', b) "
                          "FROM unnest(CAST(:a AS varchar[]), CAST(:b AS text[])) AS t(a, b) "
                          "ON CONFLICT (article_id) DO NOTHING"),
                     {"a": [r["a"] for r in rows], "b": [r["b"] for r in rows]})


#: A text filter whose words are in more articles than this is tested event by event (see `text_filter`).
COMMON_DOCS = 5000


def is_common(conn: Connection, query: str) -> bool:
    """True when `query` matches more than COMMON_DOCS articles (SQLite; counted with a cap, so cheap)."""
    from sqlalchemy import text

    if conn.dialect.name != "sqlite":
        return False
    fts = _fts_query(query)
    n = conn.execute(text("SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q "
                          "LIMIT :cap)"), {"q": fts, "cap": COMMON_DOCS + 1}).scalar()
    return int(n or 0) > COMMON_DOCS


def _fts_query(query: str) -> str:
    terms = search_terms(query)
    if not terms:
        raise StoreError(f"text search {query!r} has no searchable word")
    # Each term quoted as an FTS5 string, so operators or punctuation in user input are taken literally.
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def text_filter(dialect: str, query: str, event_id: ColumnElement, common: bool = False) -> ColumnElement:
    """WHERE clause: some article reporting the event (`event_id`, the outer events column) contains every word.

    Two plans on SQLite, chosen by `common` (`is_common`): a rare word lists its few articles from the FTS index and
    keeps the events they report; a common word (in many thousands of articles) would list most of the store, so
    each event the other filters leave is tested instead, by FTS5 rowid. PostgreSQL's planner chooses by itself
    (its statistics cover tsvector words).
    """
    from sqlalchemy import select, text

    if dialect == "sqlite" and common:
        fts = _fts_query(query)
        return text(
            "EXISTS (SELECT 1 FROM reports JOIN articles_fts_ids ON articles_fts_ids.article_id = reports.article_id "
            "JOIN articles_fts ON articles_fts.rowid = articles_fts_ids.fts_rowid "
            "WHERE reports.event_id = events.event_id AND articles_fts MATCH :fts)").bindparams(fts=fts)
    from rasd.store.schema import ReportRow

    return event_id.in_(select(ReportRow.event_id).where(ReportRow.article_id.in_(matching_articles(dialect, query))))


def matching_articles(dialect: str, query: str) -> Select:
    """SELECT article_id of the articles containing every word of `query` (after the same folding and stemming)."""
    from sqlalchemy import literal_column, select, text

    terms = search_terms(query)
    if not terms:
        raise StoreError(f"text search {query!r} has no searchable word")
    if dialect == "sqlite":
        col: ColumnElement = literal_column("articles_fts.article_id")
        return (select(col).select_from(text("articles_fts"))
                .where(text("articles_fts MATCH :fts").bindparams(fts=_fts_query(query))))
    if dialect == "postgresql":
        col = literal_column("article_search.article_id")
        return (select(col).select_from(text("article_search"))
                .where(text("article_search.tsv @@ plainto_tsquery('simple', :q)").bindparams(q=" ".join(terms))))
    raise StoreError(f"text search is not available on {dialect}")
