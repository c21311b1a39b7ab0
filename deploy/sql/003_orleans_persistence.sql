-- 003: Orleans ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet): state table and queries.
--
-- One row per grain state: service, grain type and grain id (N0/N1 for integer and Guid keys, the string
-- key or key extension in grain_id_extension_string, NULL when there is none). The two hashes are
-- computed by Orleans and only narrow the index lookup; the exact match is on the natural key.
-- version is the grain state's ETag: 1 after the first write, +1 on every write and clear.
--
-- Parameters, as Npgsql sends them: GrainIdHash, GrainTypeHash, GrainStateVersion: int4 (the version is
-- NULL when the grain holds no ETag); GrainIdN0, GrainIdN1: int8; GrainTypeString, GrainIdExtensionString,
-- ServiceId: text; PayloadBinary: bytea. Orleans 10 sends and reads no PayloadJson/PayloadXml.
--
-- Safe to run twice.

CREATE TABLE IF NOT EXISTS orleans_storage
(
    grain_id_hash             integer     NOT NULL,
    grain_id_n0               bigint      NOT NULL,
    grain_id_n1               bigint      NOT NULL,
    grain_type_hash           integer     NOT NULL,
    grain_type_string         text        NOT NULL,
    grain_id_extension_string text,
    service_id                text        NOT NULL,
    payload_binary            bytea,
    modified_on               timestamptz NOT NULL DEFAULT now(),
    version                   integer     NOT NULL
);

-- One row per grain state, and the index the read, write and clear queries look up (the leading hash
-- and service columns are all equalities in every query). The extension is NULL for most grains, so it is
-- indexed as (is it NULL, its value or ''): NULL and '' stay distinct, two NULLs collide (PostgreSQL 15's
-- NULLS NOT DISTINCT would say the same, this works on older servers too).
CREATE UNIQUE INDEX IF NOT EXISTS orleans_storage_grain_key
    ON orleans_storage (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type_string,
                        (grain_id_extension_string IS NULL), COALESCE(grain_id_extension_string, ''));

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- The grain's state: no row if it was never written (or was deleted), else one row. PayloadBinary is
-- NULL after a clear; Version is the ETag either way.
('ReadFromStorageKey', $sql$
SELECT s.payload_binary AS "PayloadBinary",
       s.version        AS "Version"
  FROM orleans_storage AS s
 WHERE s.grain_id_hash = @GrainIdHash
   AND s.grain_type_hash = @GrainTypeHash
   AND s.service_id = @ServiceId
   AND s.grain_id_n0 = @GrainIdN0
   AND s.grain_id_n1 = @GrainIdN1
   AND s.grain_type_string = @GrainTypeString
   AND s.grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
$sql$),

-- Compare-and-set write. With no ETag (@GrainStateVersion NULL) the row is inserted with version 1 only
-- if none exists; with an ETag the row is updated only if its version still equals it. Always exactly one
-- row, one column: the new version, or NULL on a conflict. (Orleans takes a NULL to mean a conflict, but
-- would take *no row* after a write without ETag as success, so the row is always returned.)
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE orleans_storage AS s
       SET payload_binary = @PayloadBinary,
           modified_on = now(),
           version = s.version + 1
     WHERE @GrainStateVersion IS NOT NULL
       AND s.grain_id_hash = @GrainIdHash
       AND s.grain_type_hash = @GrainTypeHash
       AND s.service_id = @ServiceId
       AND s.grain_id_n0 = @GrainIdN0
       AND s.grain_id_n1 = @GrainIdN1
       AND s.grain_type_string = @GrainTypeString
       AND s.grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
       AND s.version = @GrainStateVersion
    RETURNING s.version
), inserted AS (
    INSERT INTO orleans_storage
        (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type_string,
         grain_id_extension_string, service_id, payload_binary, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT COALESCE((SELECT version FROM updated), (SELECT version FROM inserted)) AS "NewGrainStateVersion"
$sql$),

-- Clear (the default, DeleteStateOnClear = false): keeps the row with a NULL payload and bumps the
-- version, if the version still equals @GrainStateVersion; Orleans keeps the returned version as the
-- grain's ETag, so a later write with it succeeds. Returns one row with the new version; one row with
-- NULL on a conflict (the row exists at another version); no row if there is no row at all (which is
-- a conflict too when the grain held an ETag, and nothing to clear when it held none).
('ClearStorageKey', $sql$
WITH cleared AS (
    UPDATE orleans_storage AS s
       SET payload_binary = NULL,
           modified_on = now(),
           version = s.version + 1
     WHERE s.grain_id_hash = @GrainIdHash
       AND s.grain_type_hash = @GrainTypeHash
       AND s.service_id = @ServiceId
       AND s.grain_id_n0 = @GrainIdN0
       AND s.grain_id_n1 = @GrainIdN1
       AND s.grain_type_string = @GrainTypeString
       AND s.grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
       AND s.version = @GrainStateVersion
    RETURNING s.version
)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"
 WHERE EXISTS (SELECT 1
                 FROM orleans_storage AS s
                WHERE s.grain_id_hash = @GrainIdHash
                  AND s.grain_type_hash = @GrainTypeHash
                  AND s.service_id = @ServiceId
                  AND s.grain_id_n0 = @GrainIdN0
                  AND s.grain_id_n1 = @GrainIdN1
                  AND s.grain_type_string = @GrainTypeString
                  AND s.grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString)
$sql$),

-- Clear with DeleteStateOnClear = true: deletes the row if its version still equals @GrainStateVersion.
-- Returns the deleted version + 1 (Orleans only checks that it differs from the ETag it sent, then sets
-- the ETag to null, so the next write inserts a new row with version 1); NULL / no row as for ClearStorageKey.
('DeleteStorageKey', $sql$
WITH deleted AS (
    DELETE FROM orleans_storage AS s
     WHERE s.grain_id_hash = @GrainIdHash
       AND s.grain_type_hash = @GrainTypeHash
       AND s.service_id = @ServiceId
       AND s.grain_id_n0 = @GrainIdN0
       AND s.grain_id_n1 = @GrainIdN1
       AND s.grain_type_string = @GrainTypeString
       AND s.grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
       AND s.version = @GrainStateVersion
    RETURNING s.version + 1 AS version
)
SELECT (SELECT version FROM deleted) AS "NewGrainStateVersion"
 WHERE EXISTS (SELECT 1
                 FROM orleans_storage AS s
                WHERE s.grain_id_hash = @GrainIdHash
                  AND s.grain_type_hash = @GrainTypeHash
                  AND s.service_id = @ServiceId
                  AND s.grain_id_n0 = @GrainIdN0
                  AND s.grain_id_n1 = @GrainIdN1
                  AND s.grain_type_string = @GrainTypeString
                  AND s.grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString)
$sql$)
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
