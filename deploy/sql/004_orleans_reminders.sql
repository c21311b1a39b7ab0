-- 004: Orleans ADO.NET reminders (Microsoft.Orleans.Reminders.AdoNet): reminder table and queries.
--
-- One row per (service, grain, reminder name). grain_hash is Orleans' uniform hash of the grain id, an
-- unsigned 32-bit value sent as a signed int4; the ring ranges below compare it as signed, exactly as
-- Orleans chooses between them. version is the reminder's ETag, bumped on every upsert.
--
-- Parameters, as Npgsql sends them: ServiceId, GrainId, ReminderName: text; GrainHash, BeginHash, EndHash,
-- Version: int4; StartTime: timestamptz (UTC); Period: milliseconds, int4 when it fits, else int8 (stored
-- and returned as bigint).
--
-- Safe to run twice.

CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    CONSTRAINT orleans_reminders_pkey PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- For the ring-range reads (ReadRangeRows1Key / ReadRangeRows2Key).
CREATE INDEX IF NOT EXISTS orleans_reminders_service_hash
    ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Inserts the reminder (version 1) or replaces its schedule (version + 1). Returns one row: Version.
('UpsertReminderRowKey', $sql$
INSERT INTO orleans_reminders AS r
    (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
    SET start_time = EXCLUDED.start_time,
        period = EXCLUDED.period,
        grain_hash = EXCLUDED.grain_hash,
        version = r.version + 1
RETURNING r.version AS "Version"
$sql$),

-- All reminders of one grain.
('ReadReminderRowsKey', $sql$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period        AS "Period",
       r.version       AS "Version"
  FROM orleans_reminders AS r
 WHERE r.service_id = @ServiceId
   AND r.grain_id = @GrainId
$sql$),

-- One reminder of one grain: one row, or none.
('ReadReminderRowKey', $sql$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period        AS "Period",
       r.version       AS "Version"
  FROM orleans_reminders AS r
 WHERE r.service_id = @ServiceId
   AND r.grain_id = @GrainId
   AND r.reminder_name = @ReminderName
$sql$),

-- Reminders whose grain hash lies in (@BeginHash, @EndHash]; used when BeginHash < EndHash (signed).
('ReadRangeRows1Key', $sql$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period        AS "Period",
       r.version       AS "Version"
  FROM orleans_reminders AS r
 WHERE r.service_id = @ServiceId
   AND r.grain_hash > @BeginHash
   AND r.grain_hash <= @EndHash
$sql$),

-- The wrapping range: grain hash > @BeginHash or <= @EndHash; used when BeginHash >= EndHash (signed),
-- which with BeginHash = EndHash is the whole ring.
('ReadRangeRows2Key', $sql$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period        AS "Period",
       r.version       AS "Version"
  FROM orleans_reminders AS r
 WHERE r.service_id = @ServiceId
   AND (r.grain_hash > @BeginHash OR r.grain_hash <= @EndHash)
$sql$),

-- Deletes one reminder if its version still equals @Version. Returns one row, one column: true if deleted.
('DeleteReminderRowKey', $sql$
WITH deleted AS (
    DELETE FROM orleans_reminders
     WHERE service_id = @ServiceId
       AND grain_id = @GrainId
       AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1
)
SELECT count(*) > 0 AS "Deleted" FROM deleted
$sql$),

-- Deletes every reminder of the service (Orleans uses it in tests). Returns nothing.
('DeleteReminderRowsKey', $sql$
DELETE FROM orleans_reminders
 WHERE service_id = @ServiceId
$sql$)
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
