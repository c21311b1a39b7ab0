-- 009: webhook dead letters: conversation events that could not be delivered to an endpoint after every
-- attempt (Conversations:Webhooks). Operators list them and send them again through
-- /api/v1/webhooks/dead-letters; a redelivered one is deleted, and comes back as a new row if it fails again.
-- The body is kept exactly as sent, so a redelivery has the same event id and bytes. Secrets are not stored:
-- a redelivery signs with the endpoint's current secret.
--
-- Safe to run twice.

CREATE TABLE IF NOT EXISTS webhook_dead_letters
(
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    service_id      text        NOT NULL,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    conversation_id text        NOT NULL,
    endpoint        text        NOT NULL,
    url             text        NOT NULL,
    body            text        NOT NULL,
    attempts        integer     NOT NULL,
    last_error      text        NOT NULL,
    failed_at       timestamptz NOT NULL,
    CONSTRAINT webhook_dead_letters_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS webhook_dead_letters_service
    ON webhook_dead_letters (service_id, id DESC);
