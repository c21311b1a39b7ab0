-- 007: each conversation's log, append-only, and a snapshot of its checkpoint now and then.
--
-- Before 007 a conversation was one Orleans grain-storage row (orleans_storage, state name 'checkpoint') that
-- was rewritten whole for every frame. Now every write appends one row to conversation_log: the frames sent
-- since the previous write, as the exact bytes clients received, and the changes to the checkpoint made with
-- them, encoded by the silo (Orleans' binary format, zlib-compressed when that is smaller). version numbers a
-- conversation's records from 1 without gaps: a record is inserted only as the next one, so two activations of
-- one conversation can never both write. conversation_snapshots holds the checkpoint as it stood after record
-- `version`; a silo loads it and applies the changes of the records after it. Records whose frames left the
-- replay window and whose changes a snapshot holds are deleted by the silo as it writes, so a conversation
-- keeps a bounded number of rows however long it runs.
--
-- The same migration moves every 'checkpoint' row of orleans_storage into the new tables (a snapshot and one
-- record holding its replay window) and deletes it; that part runs in the silo's migrator, which can read
-- Orleans' format (Conversations.Silo migrate). It also records failed turns in the transcript.
--
-- Safe to run twice.

CREATE TABLE IF NOT EXISTS conversation_log
(
    service_id      text   NOT NULL,
    conversation_id text   NOT NULL,
    version         bigint NOT NULL,
    first_seq       bigint NOT NULL,
    last_seq        bigint NOT NULL,
    payload         bytea  NOT NULL,
    CONSTRAINT conversation_log_pkey PRIMARY KEY (service_id, conversation_id, version)
);

CREATE TABLE IF NOT EXISTS conversation_snapshots
(
    service_id      text        NOT NULL,
    conversation_id text        NOT NULL,
    version         bigint      NOT NULL,
    payload         bytea       NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversation_snapshots_pkey PRIMARY KEY (service_id, conversation_id)
);

-- A turn whose reply failed for good keeps its message in the transcript, with no reply.
ALTER TABLE conversation_turns ADD COLUMN IF NOT EXISTS failed boolean NOT NULL DEFAULT false;
