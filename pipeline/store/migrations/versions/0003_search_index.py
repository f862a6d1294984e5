"""search index: full text over page text and record fields (SQLite FTS5 / PostgreSQL tsvector + GIN)

SQLite: an FTS5 table `search_index` (tokenizer `unicode61 remove_diacritics 2`) holding one row per page
(rowid = pages.id) and one per record (rowid = -records.id, page 0), kept in sync by triggers on `pages`
and `records`. PostgreSQL: a text search configuration `kerjasama_search` (simple, with unaccent when the
extension can be had), generated tsvector columns `search_tsv` on `pages` and `records`, GIN indexes.
Either way the database keeps the index in step with every write, re-extraction and delete.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The record fields that are searched besides the pages: title, numbers, cited parent, place, parties.
SQLITE_RECORD_TEXT = """
    coalesce({r}.title, '') || ' ' ||
    coalesce(json_extract({r}.record, '$.parent_agreement.value'), '') || ' ' ||
    coalesce(json_extract({r}.record, '$.signing_place.value'), '') || ' ' ||
    coalesce((SELECT group_concat(json_extract(value, '$.value'), ' ')
              FROM json_each({r}.record, '$.numbers')), '') || ' ' ||
    coalesce((SELECT group_concat(coalesce(json_extract(value, '$.value.name'), '') || ' ' ||
                                  coalesce(json_extract(value, '$.value.representative'), ''), ' ')
              FROM json_each({r}.record, '$.parties')), '')
"""

SQLITE_TRIGGERS = {
    "search_pages_insert": """
        CREATE TRIGGER search_pages_insert AFTER INSERT ON pages BEGIN
          INSERT INTO search_index(rowid, body, sha256, page)
          VALUES (NEW.id, NEW.text, NEW.sha256, NEW.number);
        END""",
    "search_pages_delete": """
        CREATE TRIGGER search_pages_delete AFTER DELETE ON pages BEGIN
          DELETE FROM search_index WHERE rowid = OLD.id;
        END""",
    "search_pages_update": """
        CREATE TRIGGER search_pages_update AFTER UPDATE OF text, number, sha256 ON pages BEGIN
          DELETE FROM search_index WHERE rowid = OLD.id;
          INSERT INTO search_index(rowid, body, sha256, page)
          VALUES (NEW.id, NEW.text, NEW.sha256, NEW.number);
        END""",
    "search_records_insert": f"""
        CREATE TRIGGER search_records_insert AFTER INSERT ON records BEGIN
          INSERT INTO search_index(rowid, body, sha256, page)
          SELECT -NEW.id, {SQLITE_RECORD_TEXT.format(r="NEW")}, NEW.sha256, 0;
        END""",
    "search_records_delete": """
        CREATE TRIGGER search_records_delete AFTER DELETE ON records BEGIN
          DELETE FROM search_index WHERE rowid = -OLD.id;
        END""",
    "search_records_update": f"""
        CREATE TRIGGER search_records_update AFTER UPDATE OF title, record ON records BEGIN
          DELETE FROM search_index WHERE rowid = -OLD.id;
          INSERT INTO search_index(rowid, body, sha256, page)
          SELECT -NEW.id, {SQLITE_RECORD_TEXT.format(r="NEW")}, NEW.sha256, 0;
        END""",
}

# PostgreSQL: punctuation becomes a space before parsing, so 'W20-HM.05.02' is the words w20 hm 05 02
# (as SQLite's unicode61 tokenizer reads it) and not one 'file' or 'version' token.
PG_CONFIG = "kerjasama_search"
PG_WORD_TOKENS = (
    "asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart"
)
PG_RECORD_TEXT_FUNCTION = """
    CREATE FUNCTION kerjasama_record_text(text, json) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT concat_ws(' ', $1,
        $2 #>> '{parent_agreement,value}',
        $2 #>> '{signing_place,value}',
        (SELECT string_agg(n #>> '{value}', ' ') FROM json_array_elements($2 -> 'numbers') n),
        (SELECT string_agg(concat_ws(' ', p #>> '{value,name}', p #>> '{value,representative}'), ' ')
         FROM json_array_elements($2 -> 'parties') p))
    $$"""


def _pg_vector(expression: str) -> str:
    return f"to_tsvector('{PG_CONFIG}'::regconfig, regexp_replace({expression}, '[^[:alnum:]]+', ' ', 'g'))"


# The columns search filters read, with the newest-record test (sha256, id): read from the index alone.
FILTER_INDEX = (
    "ix_records_search_filters",
    ["sha256", "id", "doc_type", "expiry_date", "workplan", "flag_codes"],
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()
    op.create_index(FILTER_INDEX[0], "records", FILTER_INDEX[1])


def _upgrade_sqlite() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, sha256 UNINDEXED, page UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
    )
    for statement in SQLITE_TRIGGERS.values():
        op.execute(statement)
    op.execute(
        "INSERT INTO search_index(rowid, body, sha256, page) SELECT id, text, sha256, number FROM pages"
    )
    op.execute(
        "INSERT INTO search_index(rowid, body, sha256, page) "
        f"SELECT -r.id, {SQLITE_RECORD_TEXT.format(r='r')}, r.sha256, 0 FROM records r"
    )


def _upgrade_postgresql() -> None:
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = pg_catalog.simple)")
    unaccent = _unaccent_dictionary()
    if unaccent:
        op.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} "
            f"ALTER MAPPING FOR {PG_WORD_TOKENS} WITH {unaccent}, simple"
        )
    op.execute(PG_RECORD_TEXT_FUNCTION)
    op.execute(
        f"ALTER TABLE pages ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS ({_pg_vector('text')}) STORED"
    )
    record_text = _pg_vector("kerjasama_record_text(title, record)")
    op.execute(
        f"ALTER TABLE records ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS ({record_text}) STORED"
    )
    op.create_index("ix_pages_search_tsv", "pages", ["search_tsv"], postgresql_using="gin")
    op.create_index("ix_records_search_tsv", "records", ["search_tsv"], postgresql_using="gin")


def _unaccent_dictionary() -> str | None:
    """The schema-qualified unaccent dictionary (the extension is made in `public` when allowed), or None."""
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public"))
    except sa.exc.DBAPIError:  # not installed, or no right to create it: plain case folding
        pass
    schema = bind.scalar(
        sa.text(
            "SELECT n.nspname FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace "
            "WHERE d.dictname = 'unaccent' LIMIT 1"
        )
    )
    return f'"{schema}".unaccent' if schema else None


def downgrade() -> None:
    op.drop_index(FILTER_INDEX[0], table_name="records")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_records_search_tsv", table_name="records")
        op.drop_index("ix_pages_search_tsv", table_name="pages")
        op.execute("ALTER TABLE records DROP COLUMN search_tsv")
        op.execute("ALTER TABLE pages DROP COLUMN search_tsv")
        op.execute("DROP FUNCTION kerjasama_record_text(text, json)")
        op.execute(f"DROP TEXT SEARCH CONFIGURATION {PG_CONFIG}")
        return
    for name in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_index")
