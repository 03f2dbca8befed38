-- Basin schema, version 4: the landscape analyses (trajectories, similarity, t-SNE, SWA/SWAG,
-- subspace samples, ensembles, loss planes, interpolation, dataset shift), one view per analysis.
-- Must run on PostgreSQL 14 and newer (no NULLS NOT DISTINCT, no MERGE): owners that are one of two
-- columns get two partial unique indexes, as metric does.

-- ---- models: SWA solutions and subspace samples are models too ------------------------------------

-- A model is told apart from its siblings by a variant: '' for checkpoints, finals and a member's
-- SWA solution; the sampling method, scale and index for a subspace sample ('random r=10 #3').
alter table model add column variant text not null default '';

alter table model drop constraint model_kind_check;
alter table model add constraint model_kind_check check (kind in ('checkpoint', 'final', 'swa', 'sample'));

-- The natural key gains the variant. The old constraint was named by PostgreSQL; look it up rather
-- than trust the generated name.
do $$
declare
    old_key text;
begin
    select c.conname into old_key
      from pg_constraint c
     where c.conrelid = 'model'::regclass and c.contype = 'u';
    if old_key is not null then
        execute format('alter table model drop constraint %I', old_key);
    end if;
end
$$;
alter table model add constraint model_natural_key unique (study, run_key, kind, member, epoch, step, variant);

-- Metric names are an open set now (loss, error, ... beside accuracy, nll, brier, ece).
alter table metric drop constraint metric_name_check;
alter table metric add constraint metric_name_check check (name ~ '^[a-z][a-z0-9_]{0,62}$');

alter table corruption drop constraint corruption_kind_check;
alter table corruption add constraint corruption_kind_check
    check (kind in ('checkpoint', 'final', 'prediction', 'swa', 'sample', 'swag'));

-- How people name a model: the spec's anchor syntax where there is one.
create function model_label(kind text, member int, epoch int, variant text) returns text
    language sql immutable
as $$
select case kind
           when 'final' then 'final:' || member
           when 'checkpoint' then 'checkpoint:' || member || '@' || epoch
           when 'swa' then 'swa:' || member || case when variant = '' then '' else ' ' || variant end
           else kind || ':' || member || case when variant = '' then '' else ' ' || variant end
       end
$$;

-- ---- tables ------------------------------------------------------------------------------------------

-- Weight cosine similarity and prediction disagreement of one pair of models; a pair is stored once,
-- the smaller model id first.
create table similarity (
    id           bigserial primary key,
    study        text             not null references study (name),
    scope        text             not null check (scope in ('trajectory', 'members', 'all')),
    model_a      bigint           not null references model (id) on delete cascade,
    model_b      bigint           not null references model (id) on delete cascade,
    cosine       double precision not null,
    disagreement double precision not null check (disagreement between 0 and 1),
    input_key    text,
    created_at   timestamptz      not null default now(),
    constraint similarity_pair_order check (model_a < model_b),
    unique (study, scope, model_a, model_b)
);
create index similarity_b_idx on similarity (model_b);

-- 2D t-SNE coordinates of one model's flattened test-set predictions, under one embedding (input key).
create table tsne_point (
    study      text             not null references study (name),
    input_key  text             not null,
    model_id   bigint           not null references model (id) on delete cascade,
    perplexity double precision not null check (perplexity > 0),
    seed       bigint           not null,
    x          double precision not null,
    y          double precision not null,
    created_at timestamptz      not null default now(),
    primary key (study, input_key, model_id)
);
create index tsne_point_model_idx on tsne_point (model_id);

-- One subspace sample (or, with method 'member', another member's final weights) against the
-- baseline it was drawn around: diversity = disagreement / (1 - baseline accuracy), null when the
-- baseline is perfect.
create table subspace_sample (
    id           bigserial primary key,
    study        text             not null references study (name),
    model_id     bigint           not null references model (id) on delete cascade,
    baseline_id  bigint           not null references model (id) on delete cascade,
    method       text             not null
        check (method in ('random', 'dropout', 'diag-gaussian', 'low-rank-gaussian', 'member')),
    scale        double precision,   -- radius, dropout rate or scale; null for 'member'
    sample       int              not null check (sample >= 0),   -- index within (method, scale); member index for 'member'
    accuracy     double precision not null check (accuracy between 0 and 1),
    disagreement double precision not null check (disagreement between 0 and 1),
    diversity    double precision,
    kept         boolean          not null default true,   -- false: below subspace.random.accuracyFloor
    input_key    text,
    created_at   timestamptz      not null default now(),
    constraint subspace_sample_not_itself check (model_id <> baseline_id),
    unique (baseline_id, model_id)
);
create index subspace_sample_study_idx on subspace_sample (study);
create index subspace_sample_model_idx on subspace_sample (model_id);

-- One loss plane through three weight vectors: u = w2 - w1, v = w3 - w1 made orthogonal to u,
-- coordinates (a, b) in units of |u|.
create table plane (
    id           bigserial primary key,
    study        text             not null references study (name),
    plane_index  int              not null check (plane_index >= 0),   -- position in the spec's plane list
    anchors      text[]           not null check (cardinality(anchors) = 3),
    grid         int              not null check (grid >= 3),
    margin       double precision not null check (margin >= 0),
    train_subset int              not null check (train_subset > 0),
    u_norm       double precision check (u_norm > 0),   -- null until the anchors are loaded
    input_key    text             not null,
    created_at   timestamptz      not null default now(),
    unique (study, plane_index)
);

create table plane_point (
    plane_id            bigint           not null references plane (id) on delete cascade,
    i                   int              not null check (i >= 0),
    j                   int              not null check (j >= 0),
    a                   double precision not null,
    b                   double precision not null,
    train_loss          double precision not null,
    train_accuracy      double precision not null,
    test_nll            double precision not null,
    test_error          double precision not null,
    similarity_to_first double precision not null,   -- prediction agreement with the first anchor
    created_at          timestamptz      not null default now(),
    primary key (plane_id, i, j)
);

-- Where a model falls on a plane: its anchors, and the trajectory checkpoints and subspace samples
-- projected onto it. The origin anchor has no model.
create table plane_projection (
    plane_id   bigint           not null references plane (id) on delete cascade,
    label      text             not null,
    model_id   bigint           references model (id) on delete cascade,
    kind       text             not null check (kind in ('anchor', 'checkpoint', 'sample')),
    a          double precision not null,
    b          double precision not null,
    created_at timestamptz      not null default now(),
    primary key (plane_id, label)
);
create index plane_projection_model_idx on plane_projection (model_id);

-- Loss and error at point i of the straight line (1 - t) A + t B for the pair 'A-B'.
create table interpolation_point (
    study       text             not null references study (name),
    pair        text             not null,   -- 'final:0-final:1'
    i           int              not null check (i >= 0),
    t           double precision not null,
    train_loss  double precision not null,
    train_error double precision not null,
    test_nll    double precision not null,
    test_error  double precision not null,
    input_key   text             not null,
    created_at  timestamptz      not null default now(),
    primary key (study, pair, i)
);

-- Metrics of a model or an ensemble on a corrupted copy of the test set.
create table shift_metric (
    id          bigserial primary key,
    study       text             not null references study (name),
    model_id    bigint           references model (id) on delete cascade,
    ensemble_id bigint           references ensemble (id) on delete cascade,
    corruption  text             not null
        check (corruption in ('gaussian-noise', 'blur', 'rotation', 'contrast', 'pixelate')),
    severity    int              not null check (severity between 1 and 5),
    accuracy    double precision not null,
    nll         double precision not null,
    brier       double precision not null,
    ece         double precision not null,
    input_key   text,
    created_at  timestamptz      not null default now(),
    constraint shift_metric_exactly_one_owner check ((model_id is null) <> (ensemble_id is null))
);
create unique index shift_metric_model_uq on shift_metric (model_id, corruption, severity) where model_id is not null;
create unique index shift_metric_ensemble_uq on shift_metric (ensemble_id, corruption, severity)
    where ensemble_id is not null;
create index shift_metric_study_idx on shift_metric (study);

-- ---- views: one per analysis, with labels people read and the numbers they plot ----------------------

-- member_metrics gains the variant and label (new columns go last, as CREATE OR REPLACE VIEW requires).
create or replace view member_metrics as
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
       m.id as model_id,
       m.variant,
       model_label(m.kind, m.member, m.epoch, m.variant) as label
from model m
         join metric x on x.model_id = m.id
group by m.id, x.split;

-- Test metrics of every evaluated checkpoint along each member's trajectory.
create view trajectory_metrics as
select study, member, epoch, step, accuracy, nll, brier, ece, label, run_key, model_id
from member_metrics
where kind = 'checkpoint' and split = 'test';

create view similarity_pairs as
select s.study,
       s.scope,
       model_label(a.kind, a.member, a.epoch, a.variant) as label_a,
       a.member                                           as member_a,
       a.epoch                                            as epoch_a,
       a.step                                             as step_a,
       model_label(b.kind, b.member, b.epoch, b.variant) as label_b,
       b.member                                           as member_b,
       b.epoch                                            as epoch_b,
       b.step                                             as step_b,
       s.cosine,
       s.disagreement,
       s.model_a,
       s.model_b
from similarity s
         join model a on a.id = s.model_a
         join model b on b.id = s.model_b;

-- method: 'trajectory' for checkpoints, the sampling method for subspace samples, else the model's kind.
create view tsne_points as
select t.study,
       model_label(m.kind, m.member, m.epoch, m.variant) as label,
       m.member,
       m.epoch,
       m.step,
       case when m.kind = 'checkpoint' then 'trajectory' else coalesce(ss.method, m.kind) end as method,
       t.x,
       t.y,
       t.perplexity,
       t.seed,
       t.input_key,
       t.model_id
from tsne_point t
         join model m on m.id = t.model_id
         left join lateral (select min(s.method) as method
                              from subspace_sample s
                             where s.model_id = t.model_id and s.method <> 'member') ss on true;

-- Each member's SWA solution beside its final SGD weights, on the test set.
create view swa_metrics as
select f.study,
       f.member,
       f.accuracy     as final_accuracy,
       s.accuracy     as swa_accuracy,
       f.nll          as final_nll,
       s.nll          as swa_nll,
       f.brier        as final_brier,
       s.brier        as swa_brier,
       f.ece          as final_ece,
       s.ece          as swa_ece,
       s.variant      as swa_variant,
       f.run_key,
       f.model_id     as final_model_id,
       s.model_id     as swa_model_id
from member_metrics f
         join member_metrics s on s.study = f.study and s.run_key = f.run_key and s.member = f.member
where f.kind = 'final' and f.split = 'test' and s.kind = 'swa' and s.split = 'test';

-- Diversity against accuracy for every sample and every other member (Fort et al., Fig. 6).
create view subspace_diversity as
select s.study,
       s.method,
       s.scale,
       s.sample,
       s.accuracy,
       s.disagreement,
       s.diversity,
       s.kept,
       model_label(m.kind, m.member, m.epoch, m.variant) as label,
       model_label(b.kind, b.member, b.epoch, b.variant) as baseline,
       b.member                                           as baseline_member,
       m.member,
       s.model_id,
       s.baseline_id
from subspace_sample s
         join model m on m.id = s.model_id
         join model b on b.id = s.baseline_id;

-- Ensemble metrics by kind and size on the test set (deep, swa, subspace:*, multiswag, ...).
create view ensemble_size as
select study, kind, size, accuracy, nll, brier, ece, members, run_key, ensemble_id
from ensemble_metrics
where split = 'test';

create view plane_surface as
select p.study,
       p.plane_index as plane,
       p.anchors,
       q.i,
       q.j,
       q.a,
       q.b,
       q.train_loss,
       q.train_accuracy,
       q.test_nll,
       q.test_error,
       q.similarity_to_first,
       p.grid,
       p.margin,
       p.u_norm,
       p.id          as plane_id
from plane p
         join plane_point q on q.plane_id = p.id;

create view plane_points_projected as
select p.study,
       p.plane_index as plane,
       r.label,
       r.kind,
       r.a,
       r.b,
       m.member,
       m.epoch,
       m.step,
       r.model_id,
       p.id          as plane_id
from plane p
         join plane_projection r on r.plane_id = p.id
         left join model m on m.id = r.model_id;

create view interpolation_curve as
select study,
       pair,
       split_part(pair, '-', 1) as from_label,
       split_part(pair, '-', 2) as to_label,
       i,
       t,
       train_loss,
       train_error,
       test_nll,
       test_error
from interpolation_point;

-- Metrics on corrupted test sets, for models (label, member) and ensembles (kind, size).
create view shift_metrics as
select s.study,
       case when s.model_id is not null then 'model' else 'ensemble' end as owner,
       coalesce(model_label(m.kind, m.member, m.epoch, m.variant), e.kind || ' x' || e.size) as label,
       coalesce(m.kind, e.kind)                                         as kind,
       m.member,
       e.size,
       s.corruption,
       s.severity,
       s.accuracy,
       s.nll,
       s.brier,
       s.ece,
       s.model_id,
       s.ensemble_id
from shift_metric s
         left join model m on m.id = s.model_id
         left join ensemble e on e.id = s.ensemble_id;
