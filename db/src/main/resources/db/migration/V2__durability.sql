-- Basin schema, version 2: what makes a crash and its recovery checkable in SQL.
-- Must run on PostgreSQL 14 and newer.

-- SHA-256 of the raw float32 little-endian flat parameter vector. Equal weights give equal hashes;
-- the sha256 of the checkpoint file does not, because its zip carries timestamps. Null only for
-- rows written before this migration.
alter table model
    add column weights_sha256 text check (weights_sha256 ~ '^[0-9a-f]{64}$');

-- Every training attempt that continued from a checkpoint instead of starting from scratch.
-- An attempt is identified by the study workflow's run and Temporal's attempt number, so a
-- study re-run after the whole stack restarted (a new workflow run, attempt 1 again) gets a row too.
create table resume (
    id            bigserial primary key,
    study         text        not null references study (name),
    run_key       text        not null,
    member        int         not null check (member >= 0),
    workflow_run  text        not null,
    attempt       int         not null check (attempt >= 1),
    from_model_id bigint      not null references model (id) on delete cascade,
    from_epoch    int         not null check (from_epoch >= 0),
    from_step     bigint      not null check (from_step >= 0),
    resumed_at    timestamptz not null default now(),
    unique (study, run_key, member, workflow_run, attempt)
);
create index resume_study_idx on resume (study, member);
