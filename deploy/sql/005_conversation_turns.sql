-- 005: the conversation transcript, append-only: one row per completed turn.
--
-- The primary key makes a retried append (INSERT ... ON CONFLICT DO NOTHING) a no-op instead of a
-- second row. intent holds the intent analysis as a JSON object: at least {"name": ..., "confidence": ...},
-- plus whatever else the classifier reports.
--
-- Safe to run twice.

CREATE TABLE IF NOT EXISTS conversation_turns
(
    service_id       text        NOT NULL,
    conversation_id  text        NOT NULL,
    turn             integer     NOT NULL,
    user_message     text        NOT NULL,
    reply            text        NOT NULL,
    state_before     text        NOT NULL,
    state_after      text        NOT NULL,
    intent           jsonb       NOT NULL,
    response_time_ms bigint      NOT NULL,
    cancelled        boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversation_turns_pkey PRIMARY KEY (service_id, conversation_id, turn)
);

-- Listing turns by time (most recent first, or since a moment).
CREATE INDEX IF NOT EXISTS conversation_turns_created_at
    ON conversation_turns (created_at);
