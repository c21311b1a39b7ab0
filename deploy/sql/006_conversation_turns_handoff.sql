-- 006: the hand-off flag of a turn, and an index for the analytics.
--
-- Which turn handed its conversation to a person (for the hand-off rate in /analytics), and an index for the
-- analytics that group a service's turns by conversation. Safe to run again.
ALTER TABLE conversation_turns ADD COLUMN IF NOT EXISTS handed_off boolean NOT NULL DEFAULT false;

CREATE INDEX IF NOT EXISTS conversation_turns_service_created_at
    ON conversation_turns (service_id, created_at);
