-- Basin schema, version 8: mode connectivity and fast ensembles (Garipov et al. 2018; Huang et al. 2017).
-- Curves between two models (a trained bend), FGE and SSE snapshots, and the budget table.

-- A curve's bend, an FGE snapshot and an SSE snapshot are stored weights like any other model.
alter table model drop constraint model_kind_check;
alter table model add constraint model_kind_check
    check (kind in ('checkpoint', 'final', 'swa', 'sample', 'bend', 'fge', 'sse'));

-- Ensembles of one kind are told apart by a variant: '' for deep, swa, ...; the curve's label for kind 'curve'.
alter table ensemble add column variant text not null default '';
do $$
declare
    old_key text;
begin
    select c.conname into old_key
      from pg_constraint c
     where c.conrelid = 'ensemble'::regclass and c.contype = 'u';
    if old_key is not null then
        execute format('alter table ensemble drop constraint %I', old_key);
    end if;
end
$$;
alter table ensemble add constraint ensemble_natural_key unique (study, run_key, kind, variant, size);

-- The resumable state of a stage that trains on its own (a curve's bend, FGE, SSE): written at its checkpoints,
-- read back by a retried attempt. Keyed by the stage's input key, so a changed spec never resumes stale state.
create table stage_checkpoint (
    study        text        not null references study (name),
    stage        text        not null,
    input_key    text        not null,
    epoch        int         not null check (epoch >= 0),
    step         bigint      not null check (step >= 0),
    artifact_key text        not null,
    sha256       text        not null,
    bytes        bigint      not null check (bytes >= 0),
    created_at   timestamptz not null default now(),
    primary key (study, stage, input_key, step)
);

-- One curve of the spec's curves list: its endpoints, its trained bend and its length.
create table curve (
    id           bigserial primary key,
    study        text             not null references study (name),
    run_key      text             not null,
    label        text             not null,   -- 'bezier final:0-final:1'
    curve_index  int              not null check (curve_index >= 0),
    type         text             not null check (type in ('bezier', 'polychain')),
    endpoint_a   text             not null,
    endpoint_b   text             not null,
    bend_id      bigint           references model (id) on delete cascade,
    length       double precision check (length >= 0),   -- Σ ‖φ(t_i) − φ(t_{i−1})‖ over the evaluated t
    line_length  double precision check (line_length >= 0),   -- ‖w2 − w1‖
    input_key    text             not null,
    created_at   timestamptz      not null default now(),
    unique (study, run_key, label)
);

-- Loss and error at one t, along the curve (path 'curve') or the straight line between its ends ('line').
create table curve_point (
    curve_id    bigint           not null references curve (id) on delete cascade,
    path        text             not null check (path in ('curve', 'line')),
    i           int              not null check (i >= 0),
    t           double precision not null,
    segment     double precision not null check (segment >= 0),   -- ‖φ(t_i) − φ(t_{i−1})‖; 0 at i = 0
    train_loss  double precision not null,
    train_error double precision not null,
    test_nll    double precision not null,
    test_error  double precision not null,
    input_key   text             not null,
    primary key (curve_id, path, i)
);

-- One row of the budget table: a method's ensemble at a training budget of `budget` × train.epochs.
create table budget_ensemble (
    study     text             not null references study (name),
    run_key   text             not null,
    method    text             not null check (method in ('ind', 'sse', 'fge')),
    budget    int              not null check (budget > 0),
    models    int              not null check (models > 0),   -- networks (members or snapshots) ensembled
    epochs    double precision not null check (epochs > 0),   -- training epochs spent on them
    accuracy  double precision not null,
    nll       double precision not null,
    brier     double precision not null,
    ece       double precision not null,
    input_key text             not null,
    primary key (study, run_key, method, budget)
);

-- A plane through a curve's bend also places the curve's points (Garipov et al. Fig. 1, middle and right).
alter table plane_projection drop constraint plane_projection_kind_check;
alter table plane_projection add constraint plane_projection_kind_check
    check (kind in ('anchor', 'checkpoint', 'sample', 'curve'));
