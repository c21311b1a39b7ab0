-- 001: the table the Orleans ADO.NET providers (clustering, persistence, reminders) read their SQL from.
--
-- Every provider runs, once at start-up, the fixed and unquoted statement
--     SELECT QueryKey, QueryText FROM OrleansQuery [WHERE QueryKey = '...' OR ...]
-- PostgreSQL folds unquoted identifiers to lower case, so the table and its columns are created unquoted
-- here as well (they end up as orleansquery(querykey, querytext)). Quoting them ("OrleansQuery") would
-- create a name that the provider's statement can never find.
--
-- The rows are added by the later scripts, one per provider: 002 clustering, 003 persistence,
-- 004 reminders. Each query text is written for Npgsql: @Name parameters, typed after the CLR value.
--
-- Safe to run twice.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  text NOT NULL,
    QueryText text NOT NULL,
    CONSTRAINT orleansquery_pkey PRIMARY KEY (QueryKey)
);

COMMENT ON TABLE OrleansQuery IS
    'SQL the Orleans ADO.NET providers load at start-up, by key (see deploy/sql/002..004).';
