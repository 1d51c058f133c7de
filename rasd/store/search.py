"""Full-text search over stored articles: FTS5 on SQLite, tsvector on PostgreSQL, one tokenisation for both.

Arabic glues clitics to words (والموصل، بالموصل، للموصل), which neither FTS5's unicode61 tokenizer nor PostgreSQL's
'simple' configuration split off. So the searchable body is computed in Python: every word folded
(rasd.text.normalize) and reduced to its stem (rasd.text.segment), Latin words lower-cased. A query goes through the
same function, so "الموصل" finds "بالموصل" on both databases, and a plain-sqlite3 user can still search the FTS5
table with folded stems.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, literal_column, select, text
from sqlalchemy.orm import Session

from rasd.errors import StoreError


def search_terms(value: str) -> list[str]:
    """The index terms of a text: folded stems of its words (numbers kept as written), in order."""
    from rasd.text.segment import tokenize

    terms = []
    for tok in tokenize(value):
        if tok.is_number:
            terms.append(tok.norm)
        elif tok.is_word:
            term = (tok.stem or tok.norm).lower()
            if term:
                terms.append(term)
    return terms


def search_body(title: str, body: str) -> str:
    """What gets indexed for an article: the terms of its title and text, space-separated."""
    return " ".join(search_terms(f"{title}\n{body}"))


def index_article(session: Session, article_id: str, title: str, body: str) -> None:
    """Add one article to the full-text index of this database (nothing on dialects without one)."""
    dialect = session.get_bind().dialect.name
    doc = search_body(title, body)
    if dialect == "sqlite":
        session.execute(text("INSERT INTO articles_fts (article_id, body) VALUES (:a, :b)"), {"a": article_id, "b": doc})
    elif dialect == "postgresql":
        session.execute(text("INSERT INTO article_search (article_id, tsv) VALUES (:a, to_tsvector('simple', :b)) "
                             "ON CONFLICT (article_id) DO NOTHING"), {"a": article_id, "b": doc})


def matching_articles(dialect: str, query: str) -> Select:
    """SELECT article_id of the articles containing every word of `query` (after the same folding and stemming)."""
    terms = search_terms(query)
    if not terms:
        raise StoreError(f"text search {query!r} has no searchable word")
    if dialect == "sqlite":
        # Each term quoted as an FTS5 string, so operators or punctuation in user input are taken literally.
        fts = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        col: ColumnElement = literal_column("articles_fts.article_id")
        return select(col).select_from(text("articles_fts")).where(text("articles_fts MATCH :fts").bindparams(fts=fts))
    if dialect == "postgresql":
        col = literal_column("article_search.article_id")
        return (select(col).select_from(text("article_search"))
                .where(text("article_search.tsv @@ plainto_tsquery('simple', :q)").bindparams(q=" ".join(terms))))
    raise StoreError(f"text search is not available on {dialect}")
