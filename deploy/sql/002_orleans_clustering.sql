-- 002: Orleans ADO.NET clustering (Microsoft.Orleans.Clustering.AdoNet): membership tables and queries.
--
-- A cluster (Orleans' ClusterId, sent as @DeploymentId) has one row in orleans_membership_version and one
-- row per silo incarnation (address, port, generation) in orleans_membership. The version integer is the
-- ETag of the whole membership table: a silo reads it with the rows, and inserting or updating a member
-- succeeds only if the version is still the one it read, bumping it in the same statement.
--
-- Parameter types as Npgsql sends them: DeploymentId, Address, SiloName, HostName, SuspectTimes: text;
-- Port, Generation, ProxyPort, Status, Version: int4; StartTime, IAmAliveTime: timestamptz (UTC).
-- Result columns are read by name, hence the quoted aliases. Status 3 = Active, 6 = Dead.
--
-- Orleans 10.4.2 gives every member row the table version as its ETag and only sends an insert or update
-- whose version is a plain non-negative integer, so versions start at 0 and only ever grow. It also knows an
-- optional tenth key, CleanupDefunctSiloEntryKey (delete one captured Dead row); it is not installed here,
-- so the provider uses CleanupDefunctSiloEntriesKey below.
--
-- Safe to run twice: tables and indexes IF NOT EXISTS, queries upserted (unchanged text is not rewritten).

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL,
    version       integer     NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_membership_version_pkey PRIMARY KEY (deployment_id)
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT orleans_membership_pkey PRIMARY KEY (deployment_id, address, port, generation),
    CONSTRAINT orleans_membership_version_fkey FOREIGN KEY (deployment_id)
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE
);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Creates the cluster's version row (version 0) unless it exists. Returns one row, one column:
-- true if this call created it.
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 AS "Created" FROM created
$sql$),

-- Adds a silo if the table version is still @Version and the silo is not there yet; bumps the version
-- in the same statement. Returns one row, one column: 1 if inserted, 0 if not (stale version or duplicate).
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version AS v
       SET version = v.version + 1,
           updated_at = now()
     WHERE v.deployment_id = @DeploymentId
       AND v.version = @Version
       AND NOT EXISTS (SELECT 1
                         FROM orleans_membership AS m
                        WHERE m.deployment_id = @DeploymentId
                          AND m.address = @Address
                          AND m.port = @Port
                          AND m.generation = @Generation)
    RETURNING v.deployment_id
), inserted AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
         start_time, i_am_alive_time)
    SELECT b.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
      FROM bumped AS b
    RETURNING 1
)
SELECT count(*)::integer AS "RowsInserted" FROM inserted
$sql$),

-- Changes a silo's status, suspicions and liveness if the table version is still @Version and the
-- silo exists; bumps the version in the same statement. Returns one row, one column: 1 if updated, else 0.
('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version AS v
       SET version = v.version + 1,
           updated_at = now()
     WHERE v.deployment_id = @DeploymentId
       AND v.version = @Version
       AND EXISTS (SELECT 1
                     FROM orleans_membership AS m
                    WHERE m.deployment_id = @DeploymentId
                      AND m.address = @Address
                      AND m.port = @Port
                      AND m.generation = @Generation)
    RETURNING v.deployment_id
), updated AS (
    UPDATE orleans_membership AS m
       SET status = @Status,
           suspect_times = @SuspectTimes,
           i_am_alive_time = @IAmAliveTime
      FROM bumped AS b
     WHERE m.deployment_id = b.deployment_id
       AND m.address = @Address
       AND m.port = @Port
       AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*)::integer AS "RowsUpdated" FROM updated
$sql$),

-- Liveness heartbeat: not a membership change, so no version check and no version bump. Returns nothing.
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
$sql$),

-- The version row with the one silo left-joined: one row, whose member columns are NULL when the silo
-- is not in the table (Orleans takes a NULL StartTime to mean "no member"). No row if the cluster has no
-- version row yet.
('MembershipReadRowKey', $sql$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
  FROM orleans_membership_version AS v
  LEFT JOIN orleans_membership AS m
         ON m.deployment_id = v.deployment_id
        AND m.address = @Address
        AND m.port = @Port
        AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId
$sql$),

-- The version row with every silo left-joined: one row per silo (each carrying the version), or a single
-- row with NULL member columns when the cluster has none.
('MembershipReadAllKey', $sql$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
  FROM orleans_membership_version AS v
  LEFT JOIN orleans_membership AS m
         ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId
$sql$),

-- Gateways for clients: silos in @Status (Active) that have a gateway (proxy) port.
('GatewaysQueryKey', $sql$
SELECT m.address    AS "Address",
       m.proxy_port AS "ProxyPort",
       m.generation AS "Generation"
  FROM orleans_membership AS m
 WHERE m.deployment_id = @DeploymentId
   AND m.status = @Status
   AND m.proxy_port > 0
$sql$),

-- Removes the whole cluster: its silos and its version row. Returns nothing.
('DeleteMembershipTableEntriesKey', $sql$
WITH members AS (
    DELETE FROM orleans_membership
     WHERE deployment_id = @DeploymentId
)
DELETE FROM orleans_membership_version
 WHERE deployment_id = @DeploymentId
$sql$),

-- Removes silos that are Dead (6) and were last alive before @IAmAliveTime. Not a version change.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId
   AND status = 6
   AND i_am_alive_time < @IAmAliveTime
$sql$)
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
