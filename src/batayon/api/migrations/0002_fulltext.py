"""The database's own full-text machinery over the search index, per database vendor.

SQLite: an FTS5 table over the term columns with a tokenizer that keeps Bangla words whole
(the default one splits them at vowel signs), kept in step by triggers; and an FTS5 trigram
table over the vocabulary for misspelled words.

PostgreSQL: a generated, weighted ``tsvector`` with the ``simple`` configuration (there is no
Bengali one; the terms are normalised before they get here) and a GIN index; ``pg_trgm`` on
the vocabulary for misspelled words.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE api_search_fts USING fts5(
        name_terms, main_terms, context_terms, body_terms,
        content='api_searchdocument', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'")""",
    """CREATE TRIGGER api_search_fts_ai AFTER INSERT ON api_searchdocument BEGIN
        INSERT INTO api_search_fts(rowid, name_terms, main_terms, context_terms, body_terms)
        VALUES (new.id, new.name_terms, new.main_terms, new.context_terms, new.body_terms);
    END""",
    """CREATE TRIGGER api_search_fts_ad AFTER DELETE ON api_searchdocument BEGIN
        INSERT INTO api_search_fts(api_search_fts, rowid, name_terms, main_terms, context_terms, body_terms)
        VALUES ('delete', old.id, old.name_terms, old.main_terms, old.context_terms, old.body_terms);
    END""",
    """CREATE TRIGGER api_search_fts_au AFTER UPDATE ON api_searchdocument BEGIN
        INSERT INTO api_search_fts(api_search_fts, rowid, name_terms, main_terms, context_terms, body_terms)
        VALUES ('delete', old.id, old.name_terms, old.main_terms, old.context_terms, old.body_terms);
        INSERT INTO api_search_fts(rowid, name_terms, main_terms, context_terms, body_terms)
        VALUES (new.id, new.name_terms, new.main_terms, new.context_terms, new.body_terms);
    END""",
    # Padded with ^ and $ so that a short word still has trigrams left after a typo.
    "CREATE VIRTUAL TABLE api_searchterm_trgm USING fts5(padded, tokenize='trigram')",
    """CREATE TRIGGER api_searchterm_trgm_ai AFTER INSERT ON api_searchterm BEGIN
        INSERT INTO api_searchterm_trgm(rowid, padded) VALUES (new.id, '^' || new.term || '$');
    END""",
    """CREATE TRIGGER api_searchterm_trgm_ad AFTER DELETE ON api_searchterm BEGIN
        DELETE FROM api_searchterm_trgm WHERE rowid = old.id;
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS api_searchterm_trgm_ad",
    "DROP TRIGGER IF EXISTS api_searchterm_trgm_ai",
    "DROP TABLE IF EXISTS api_searchterm_trgm",
    "DROP TRIGGER IF EXISTS api_search_fts_au",
    "DROP TRIGGER IF EXISTS api_search_fts_ad",
    "DROP TRIGGER IF EXISTS api_search_fts_ai",
    "DROP TABLE IF EXISTS api_search_fts",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE api_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, name_terms), 'A') ||
        setweight(to_tsvector('simple'::regconfig, main_terms), 'B') ||
        setweight(to_tsvector('simple'::regconfig, context_terms), 'C') ||
        setweight(to_tsvector('simple'::regconfig, body_terms), 'D')) STORED""",
    "CREATE INDEX api_searchdocument_vector ON api_searchdocument USING gin (search_vector)",
    "CREATE INDEX api_searchterm_trgm ON api_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS api_searchterm_trgm",
    "DROP INDEX IF EXISTS api_searchdocument_vector",
    "ALTER TABLE api_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
