-- Basin schema, version 1.
-- Every number a study produces lives here; every tensor lives in S3 and is referenced by key + sha256.
-- Must run on PostgreSQL 14 and newer (no NULLS NOT DISTINCT, no MERGE).

create table study (
    name         text primary key,
    spec         text        not null,   -- the normalised YAML of the study
    spec_hash    text        not null,
    seed         bigint      not null,
    status       text        not null check (status in ('running', 'completed', 'failed', 'cancelled')),
    code_version text        not null,
    threads      int         not null check (threads > 0),
    created_at   timestamptz not null default now(),
    started_at   timestamptz,
    finished_at  timestamptz
);

-- One stored set of weights: a checkpoint along a trajectory or a final model of some kind.
create table model (
    id           bigserial primary key,
    study        text        not null references study (name),
    run_key      text        not null,   -- hash of the inputs that produced the run (DESIGN: idempotent activities)
    kind         text        not null check (kind in ('checkpoint', 'final')),
    member       int         not null check (member >= 0),
    epoch        int         not null check (epoch >= 0),
    step         bigint      not null check (step >= 0),
    artifact_key text        not null,
    sha256       text        not null,
    bytes        bigint      not null check (bytes >= 0),
    created_at   timestamptz not null default now(),
    unique (study, run_key, kind, member, epoch, step)
);

create table prediction (
    model_id     bigint      not null references model (id) on delete cascade,
    split        text        not null check (split in ('test', 'train')),
    artifact_key text        not null,
    sha256       text        not null,
    bytes        bigint      not null check (bytes >= 0),
    rows         int         not null check (rows >= 0),
    classes      int         not null check (classes > 0),
    created_at   timestamptz not null default now(),
    primary key (model_id, split)
);

create table ensemble (
    id         bigserial primary key,
    study      text        not null references study (name),
    run_key    text        not null,
    kind       text        not null,     -- 'deep', 'swa', 'fge', 'curve', ... (open set on purpose)
    size       int         not null check (size > 0),
    members    int[]       not null,
    created_at timestamptz not null default now(),
    unique (study, run_key, kind, size)
);

-- One number about one model or one ensemble on one split.
create table metric (
    id          bigserial primary key,
    study       text             not null references study (name),
    model_id    bigint           references model (id) on delete cascade,
    ensemble_id bigint           references ensemble (id) on delete cascade,
    split       text             not null check (split in ('test', 'train')),
    name        text             not null check (name in ('accuracy', 'nll', 'brier', 'ece')),
    value       double precision not null,
    created_at  timestamptz      not null default now(),
    constraint metric_exactly_one_owner check ((model_id is null) <> (ensemble_id is null))
);
-- Two partial unique indexes rather than one with NULLS NOT DISTINCT, which PostgreSQL 14 lacks.
-- Upserts name them through ON CONFLICT (...) WHERE ... .
create unique index metric_model_uq on metric (model_id, split, name) where model_id is not null;
create unique index metric_ensemble_uq on metric (ensemble_id, split, name) where ensemble_id is not null;
create index metric_study_idx on metric (study);

-- Latest training progress of each member, overwritten in place (heartbeat-rate writes).
create table progress (
    study              text             not null references study (name),
    member             int              not null check (member >= 0),
    epoch              int              not null,
    epochs             int              not null,
    step               bigint           not null,
    steps_per_epoch    bigint           not null,
    loss               double precision,
    images_per_sec     double precision,
    state              text             not null check (state in ('training', 'done', 'resumed')),
    resumed_from_epoch int,
    updated_at         timestamptz      not null default now(),
    primary key (study, member)
);

create view member_metrics as
select m.study,
       m.member,
       m.epoch,
       m.kind,
       x.split,
       max(x.value) filter (where x.name = 'accuracy') as accuracy,
       max(x.value) filter (where x.name = 'nll')      as nll,
       max(x.value) filter (where x.name = 'brier')    as brier,
       max(x.value) filter (where x.name = 'ece')      as ece,
       m.run_key,
       m.step,
       m.id as model_id
from model m
         join metric x on x.model_id = m.id
group by m.id, x.split;

create view ensemble_metrics as
select e.study,
       e.kind,
       e.size,
       x.split,
       max(x.value) filter (where x.name = 'accuracy') as accuracy,
       max(x.value) filter (where x.name = 'nll')      as nll,
       max(x.value) filter (where x.name = 'brier')    as brier,
       max(x.value) filter (where x.name = 'ece')      as ece,
       e.run_key,
       e.members,
       e.id as ensemble_id
from ensemble e
         join metric x on x.ensemble_id = e.id
group by e.id, x.split;
