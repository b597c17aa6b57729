-- DataSpoke's results as Flink SQL tables.
--
-- Run it first in the Flink SQL client (or let `dataspoke sql` run it for you): every table below
-- reads DataSpoke's PostgreSQL through the JDBC connector, and dataset_status_updates reads the
-- status topic. ${postgres.url}, ${postgres.user}, ${postgres.password}, ${kafka.bootstrapServers}
-- and ${kafka.statusTopic} are placeholders `dataspoke sql` fills from the config file and the
-- environment; in the SQL client, substitute them first (envsubst) rather than typing a password
-- into a script.

CREATE TABLE dataset_health (
    urn           STRING,
    platform      STRING,
    name          STRING,
    score         SMALLINT,
    domain        STRING,
    removed       BOOLEAN,
    evaluated_at  TIMESTAMP(3),
    PRIMARY KEY (urn) NOT ENFORCED
) WITH (
    'connector'  = 'jdbc',
    'url'        = '${postgres.url}',
    'table-name' = 'dataset_health',
    'username'   = '${postgres.user}',
    'password'   = '${postgres.password}'
);

-- One row per (owner, dataset): the view the owner digests read.
CREATE TABLE owner_dataset_health (
    owner         STRING,
    urn           STRING,
    name          STRING,
    platform      STRING,
    score         SMALLINT,
    evaluated_at  TIMESTAMP(3)
) WITH (
    'connector'  = 'jdbc',
    'url'        = '${postgres.url}',
    'table-name' = 'owner_dataset_health',
    'username'   = '${postgres.user}',
    'password'   = '${postgres.password}'
);

CREATE TABLE team_health (
    group_kind          STRING,
    group_name          STRING,
    `day`               DATE,
    datasets            INT,
    mean_score          DOUBLE,
    described           DOUBLE,
    owned               DOUBLE,
    columns_documented  DOUBLE,
    pii_classified      DOUBLE,
    wow_change          DOUBLE,
    trend_per_day       DOUBLE,
    PRIMARY KEY (group_kind, group_name, `day`) NOT ENFORCED
) WITH (
    'connector'  = 'jdbc',
    'url'        = '${postgres.url}',
    'table-name' = 'health_rollup',
    'username'   = '${postgres.user}',
    'password'   = '${postgres.password}'
);

CREATE TABLE check_results (
    dataset_urn   STRING,
    check_id      STRING,
    evaluated_at  TIMESTAMP(3),
    check_text    STRING,
    check_type    STRING,
    contract_file STRING,
    outcome       STRING,
    observed      DOUBLE,
    signal        STRING,
    message       STRING,
    PRIMARY KEY (dataset_urn, check_id, evaluated_at) NOT ENFORCED
) WITH (
    'connector'  = 'jdbc',
    'url'        = '${postgres.url}',
    'table-name' = 'check_results',
    'username'   = '${postgres.user}',
    'password'   = '${postgres.password}'
);

CREATE TABLE incidents (
    incident_id   STRING,
    root_urn      STRING,
    title         STRING,
    cause         STRING,
    state         STRING,
    severity      STRING,
    opened_at     TIMESTAMP(3),
    updated_at    TIMESTAMP(3),
    resolved_at   TIMESTAMP(3),
    column_name   STRING,
    revision      INT,
    team          STRING,
    domain        STRING,
    PRIMARY KEY (incident_id) NOT ENFORCED
) WITH (
    'connector'  = 'jdbc',
    'url'        = '${postgres.url}',
    'table-name' = 'incidents',
    'username'   = '${postgres.user}',
    'password'   = '${postgres.password}'
);

-- One row per dataset in an incident, with its distance from the root cause.
CREATE TABLE incident_datasets (
    incident_id   STRING,
    dataset_urn   STRING,
    hops          INT,
    reason        STRING,
    recovered     BOOLEAN,
    state         STRING,
    severity      STRING
) WITH (
    'connector'  = 'jdbc',
    'url'        = '${postgres.url}',
    'table-name' = 'incident_datasets',
    'username'   = '${postgres.user}',
    'password'   = '${postgres.password}'
);

CREATE TABLE dataset_status (
    dataset_urn   STRING,
    status        STRING,
    since         TIMESTAMP(3),
    updated_at    TIMESTAMP(3),
    PRIMARY KEY (dataset_urn) NOT ENFORCED
) WITH (
    'connector'  = 'jdbc',
    'url'        = '${postgres.url}',
    'table-name' = 'dataset_status',
    'username'   = '${postgres.user}',
    'password'   = '${postgres.password}'
);

CREATE TABLE dataset_metrics (
    dataset_urn     STRING,
    observed_at     TIMESTAMP(3),
    source          STRING,
    row_count       BIGINT,
    column_count    INT,
    affected_rows   BIGINT,
    operation_type  STRING,
    PRIMARY KEY (dataset_urn, observed_at, source) NOT ENFORCED
) WITH (
    'connector'  = 'jdbc',
    'url'        = '${postgres.url}',
    'table-name' = 'dataset_metrics',
    'username'   = '${postgres.user}',
    'password'   = '${postgres.password}'
);

-- Every status change as the quality monitor publishes it, from the start of the topic.
CREATE TABLE dataset_status_updates (
    urn           STRING,
    status        STRING,
    reasons       ARRAY<STRING>,
    incidents     ARRAY<STRING>,
    since         STRING,
    updatedAt     STRING,
    published_at  TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL
) WITH (
    'connector'                    = 'kafka',
    'topic'                        = '${kafka.statusTopic}',
    'properties.bootstrap.servers' = '${kafka.bootstrapServers}',
    'scan.startup.mode'            = 'earliest-offset',
    'scan.bounded.mode'            = 'latest-offset',
    'format'                       = 'json'
);
