-- The store's tables as files written before store/schema.py hold them (src/newsevents/store/schema.sql and
-- the registry's SCHEMA string until then), kept to check that such files open unchanged.
CREATE TABLE IF NOT EXISTS articles (
    doc_id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, url VARCHAR, source VARCHAR, text VARCHAR, content_hash
    VARCHAR, n_events INTEGER, notes JSON, ingested_at TIMESTAMP DEFAULT current_timestamp, record JSON
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, doc_id VARCHAR, event VARCHAR, mode VARCHAR, context VARCHAR[], cameo VARCHAR,
    quad_code TINYINT, goldstein DOUBLE, date DATE, date_granularity VARCHAR, event_text VARCHAR, sent_start
    INTEGER, sent_end INTEGER, trigger_start INTEGER, trigger_end INTEGER, aux VARCHAR[], confidence DOUBLE,
    actor_names VARCHAR, actor_codes VARCHAR, actor_country VARCHAR, recipient_names VARCHAR, recipient_codes
    VARCHAR, recipient_country VARCHAR, attributed_to VARCHAR, quote_id VARCHAR, loc_name VARCHAR, loc_geonameid
    BIGINT, loc_lat DOUBLE, loc_lon DOUBLE, loc_feature VARCHAR, loc_country_code VARCHAR, loc_how VARCHAR, why
    VARCHAR, record JSON
);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id VARCHAR, doc_id VARCHAR, role VARCHAR, idx INTEGER, entity_text VARCHAR, start_char INTEGER, end_char
    INTEGER, name VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, kind VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY, doc_id VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR, speaker_start INTEGER,
    speaker_end INTEGER, cue_text VARCHAR, cue_start INTEGER, cue_end INTEGER, content_text VARCHAR, content_start
    INTEGER, content_end INTEGER, type VARCHAR, medium_name VARCHAR, medium_kind VARCHAR, date DATE, record JSON
);
CREATE TABLE IF NOT EXISTS places (
    doc_id VARCHAR, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER, name VARCHAR, geonameid
    BIGINT, lat DOUBLE, lon DOUBLE, feature VARCHAR, country_code VARCHAR
);
CREATE TABLE IF NOT EXISTS entities (
    doc_id VARCHAR, idx INTEGER, entity_text VARCHAR, start_char INTEGER, end_char INTEGER, name VARCHAR, code
    VARCHAR, country VARCHAR, sector VARCHAR, kind VARCHAR
);
CREATE TABLE IF NOT EXISTS registry_actors (
    actor_id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR,
    first_seen DATE, last_seen DATE, n_docs INTEGER, latest_key VARCHAR
);
CREATE TABLE IF NOT EXISTS registry_aliases (
    actor_id VARCHAR, alias VARCHAR, doc_id VARCHAR, first_seen DATE
);
CREATE TABLE IF NOT EXISTS registry_roles (
    actor_id VARCHAR, country VARCHAR, sector VARCHAR, code VARCHAR, status VARCHAR, source VARCHAR,
    role_text VARCHAR, valid_from DATE, valid_to DATE, doc_id VARCHAR, doc_date DATE,
    start_char INTEGER, end_char INTEGER
);
CREATE TABLE IF NOT EXISTS registry_docs (
    actor_id VARCHAR, doc_id VARCHAR, doc_date DATE, code VARCHAR, country VARCHAR, sector VARCHAR,
    kind VARCHAR, name VARCHAR
);
