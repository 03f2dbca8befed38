-- Basin schema, version 3: what each stage of a study did, the input keys that make stages
-- reusable, and the artifacts found corrupt.

-- One row per planned stage of a study, overwritten as the stage moves on. The stage is named after
-- the spec key and verb it comes from: 'train/member-003', 'evaluate/member-003', 'ensembles/deep'.
create table stage (
    study       text        not null references study (name),
    stage       text        not null,
    -- SHA-256 (hex) of everything that determines the stage's result; null until its inputs exist
    -- (an evaluation's key includes the weights' checksum, known only once the member is trained).
    input_key   text,
    state       text        not null
        check (state in ('pending', 'running', 'done', 'reused', 'failed', 'cancelled')),
    attempt     int         not null default 0 check (attempt >= 0),   -- Temporal's attempt number
    started_at  timestamptz,
    finished_at timestamptz,
    updated_at  timestamptz not null default now(),
    primary key (study, stage)
);

-- The input key each result was computed from: a result is reused only under the same key.
alter table prediction add column input_key text;
alter table ensemble add column input_key text;

-- An artifact whose bytes no longer matched their recorded SHA-256. It was never loaded; the rows
-- naming it were deleted (model rows take their predictions and metrics with them) and the result
-- was recomputed from the newest good state.
create table corruption (
    id              bigserial primary key,
    study           text        not null references study (name),
    run_key         text        not null,
    kind            text        not null check (kind in ('checkpoint', 'final', 'prediction')),
    member          int         check (member >= 0),
    artifact_key    text        not null,
    recorded_sha256 text        not null,
    actual_sha256   text        not null,
    action          text        not null,   -- what Basin did about it, for people
    detected_at     timestamptz not null default now()
);
create index corruption_study_idx on corruption (study);
