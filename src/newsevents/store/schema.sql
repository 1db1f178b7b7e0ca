-- DuckDB schema of the newsevents store. One row per article, event, event actor, quote, place
-- and entity; nested contract objects are also kept whole as JSON for lossless export.
CREATE TABLE IF NOT EXISTS articles (
    doc_id VARCHAR PRIMARY KEY,
    title VARCHAR,
    date DATE,
    url VARCHAR,
    source VARCHAR,
    text VARCHAR,
    content_hash VARCHAR,
    n_events INTEGER,
    notes JSON,
    ingested_at TIMESTAMP DEFAULT current_timestamp,
    record JSON                -- the full contract article record (as `newsevents code` prints it)
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    doc_id VARCHAR,
    event VARCHAR,
    mode VARCHAR,
    context VARCHAR[],
    cameo VARCHAR,
    quad_code TINYINT,
    goldstein DOUBLE,
    date DATE,
    date_granularity VARCHAR,
    event_text VARCHAR,
    sent_start INTEGER,
    sent_end INTEGER,
    trigger_start INTEGER,
    trigger_end INTEGER,
    aux VARCHAR[],
    confidence DOUBLE,
    actor_names VARCHAR,       -- "; "-joined canonical names, for search and tables
    actor_codes VARCHAR,       -- "; "-joined codes
    actor_country VARCHAR,     -- first actor's country (ISO alpha-3)
    recipient_names VARCHAR,
    recipient_codes VARCHAR,
    recipient_country VARCHAR,
    attributed_to VARCHAR,     -- speaker's canonical name
    quote_id VARCHAR,
    loc_name VARCHAR,
    loc_geonameid BIGINT,
    loc_lat DOUBLE,
    loc_lon DOUBLE,
    loc_feature VARCHAR,
    loc_country_code VARCHAR,
    loc_how VARCHAR,
    why VARCHAR,
    record JSON                -- the full contract Event object
);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id VARCHAR,
    doc_id VARCHAR,
    role VARCHAR,              -- actor | recipient | attributed_to
    idx INTEGER,
    entity_text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    name VARCHAR,
    code VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    kind VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY,    -- "<doc_id>-q<n>"
    doc_id VARCHAR,
    speaker_name VARCHAR,
    speaker_code VARCHAR,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue_text VARCHAR,
    cue_start INTEGER,
    cue_end INTEGER,
    content_text VARCHAR,
    content_start INTEGER,
    content_end INTEGER,
    type VARCHAR,
    medium_name VARCHAR,
    medium_kind VARCHAR,
    date DATE,
    record JSON
);
CREATE TABLE IF NOT EXISTS places (
    doc_id VARCHAR,
    idx INTEGER,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    name VARCHAR,
    geonameid BIGINT,
    lat DOUBLE,
    lon DOUBLE,
    feature VARCHAR,
    country_code VARCHAR
);
CREATE TABLE IF NOT EXISTS entities (
    doc_id VARCHAR,
    idx INTEGER,
    entity_text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    name VARCHAR,
    code VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    kind VARCHAR
);
-- Columns added after the first release: existing files are migrated with ADD COLUMN IF NOT EXISTS.
-- MIGRATE ALTER TABLE articles ADD COLUMN IF NOT EXISTS record JSON;
