-- Basin's SQL views: every view's one current definition.
--
-- Views live only here from now on. The versioned migrations V1..V7 created and replaced views too; that is
-- history (their checksums are validated, so they stay as they are) and this file supersedes it. A versioned
-- migration that must change a table a view reads drops the view it needs to (DROP VIEW ... CASCADE) and
-- this file recreates it. Flyway reruns this file, after the versioned migrations, whenever its text changes:
-- change a view here, add a view here, never in a V migration.
-- A change here also ships a versioned migration (an empty V file will do): an older Basin then refuses the
-- database as newer than itself, instead of running its own copy of this file and restoring its old views.
--
-- Every view is dropped first (dependent views before the views they read), then created from scratch, so a
-- view's columns may change anywhere, not only grow at its end as CREATE OR REPLACE VIEW allows.
-- db/src/test/java/dev/basin/db/ViewsMigrationTest.java pins each view's columns and checks that every view
-- of the schema is created here.
-- Must run on PostgreSQL 14 and newer.
--
-- One study, one current run. A study name may hold the rows of several runs (a study submitted again with
-- another seed, model, data or training: another run key, see SpecHash.runKey). Each analysis has two views:
-- <name>_all holds the rows of every run, each with its run_key; <name> holds the rows of the study's current
-- run only: run_key = study.run_key, the run key of the study's latest submission (written when its workflow
-- begins). Both have the same columns. An _all view reads only _all views, and <name> is its _all view filtered
-- by (study, run_key), so views that compose others agree: trajectory_metrics is member_metrics' checkpoints.
-- Planes and interpolation lines are stored per study, not per run: their run_key is that of the stage that
-- computed them (the 'run' input of the study's planned stage with their input key), null when that stage is
-- no longer planned, so that they appear only in the _all views.

drop view if exists training_curve cascade;
drop view if exists alignment_summary cascade;
drop view if exists ensemble_connectivity cascade;
drop view if exists barrier_profile cascade;
drop view if exists barriers cascade;
drop view if exists budget_ensembles cascade;
drop view if exists curve_summary cascade;
drop view if exists curve_profile cascade;
drop view if exists shift_metrics cascade;
drop view if exists interpolation_curve cascade;
drop view if exists plane_points_projected cascade;
drop view if exists plane_surface cascade;
drop view if exists ensemble_size_subsets cascade;
drop view if exists ensemble_size cascade;
drop view if exists subspace_diversity cascade;
drop view if exists swa_metrics cascade;
drop view if exists tsne_points cascade;
drop view if exists similarity_pairs cascade;
drop view if exists trajectory_metrics cascade;
drop view if exists ensemble_metrics cascade;
drop view if exists member_metrics cascade;
drop view if exists training_curve_all cascade;
drop view if exists alignment_summary_all cascade;
drop view if exists ensemble_connectivity_all cascade;
drop view if exists barrier_profile_all cascade;
drop view if exists barriers_all cascade;
drop view if exists budget_ensembles_all cascade;
drop view if exists curve_summary_all cascade;
drop view if exists curve_profile_all cascade;
drop view if exists shift_metrics_all cascade;
drop view if exists interpolation_curve_all cascade;
drop view if exists plane_points_projected_all cascade;
drop view if exists plane_surface_all cascade;
drop view if exists ensemble_size_subsets_all cascade;
drop view if exists ensemble_size_all cascade;
drop view if exists subspace_diversity_all cascade;
drop view if exists swa_metrics_all cascade;
drop view if exists tsne_points_all cascade;
drop view if exists similarity_pairs_all cascade;
drop view if exists trajectory_metrics_all cascade;
drop view if exists ensemble_metrics_all cascade;
drop view if exists member_metrics_all cascade;

-- ---- every run: one view per analysis, with labels people read and the numbers they plot ---------------

-- Every model's metrics per split, one column per metric.
create view member_metrics_all as
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

-- Every ensemble's metrics per split, one column per metric.
create view ensemble_metrics_all as
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
       e.id as ensemble_id,
       e.variant
from ensemble e
         join metric x on x.ensemble_id = e.id
group by e.id, x.split;

-- Test metrics of every evaluated checkpoint along each member's trajectory.
create view trajectory_metrics_all as
select study, member, epoch, step, accuracy, nll, brier, ece, label, run_key, model_id
from member_metrics_all
where kind = 'checkpoint' and split = 'test';

create view similarity_pairs_all as
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
       s.model_b,
       a.run_key,
       s.cosine_kernels
from similarity s
         join model a on a.id = s.model_a
         join model b on b.id = s.model_b;

-- method: 'trajectory' for checkpoints, the sampling method for subspace samples, else the model's kind.
create view tsne_points_all as
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
       t.model_id,
       m.run_key
from tsne_point t
         join model m on m.id = t.model_id
         left join lateral (select min(s.method) as method
                              from subspace_sample s
                             where s.model_id = t.model_id and s.method <> 'member') ss on true;

-- Each member's SWA solution beside its final SGD weights, on the test set, and whether its BN statistics
-- were recomputed.
create view swa_metrics_all as
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
       s.model_id     as swa_model_id,
       g.bn_recomputed,
       g.averaged     as swa_epochs,
       g.rank         as swag_rank
from member_metrics_all f
         join member_metrics_all s on s.study = f.study and s.run_key = f.run_key and s.member = f.member
         left join swag_moments g on g.swa_model_id = s.model_id
where f.kind = 'final' and f.split = 'test' and s.kind = 'swa' and s.split = 'test';

-- Diversity against accuracy for every sample and every other member (Fort et al., Fig. 6).
create view subspace_diversity_all as
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
       s.baseline_id,
       m.run_key,
       -- Fort et al.'s notebook: disagreement over the sample's own error (diversity is over the baseline's)
       case when s.accuracy < 1 then s.disagreement / (1 - s.accuracy) end as diversity_own
from subspace_sample s
         join model m on m.id = s.model_id
         join model b on b.id = s.baseline_id;

-- Ensemble metrics by kind and size on the test set (deep, swa, subspace:*, multiswag, fge, sse, curve, ...);
-- variant tells apart ensembles of one kind: the curve's label for kind 'curve', '' otherwise.
create view ensemble_size_all as
select study, kind, size, accuracy, nll, brier, ece, members, run_key, ensemble_id, variant
from ensemble_metrics_all
where split = 'test';

-- Ensembles of each size over subsets of their members (deep, swa, multi-swag): how many subsets (all C(M, k), or
-- 100 seeded random ones when there are more; exhaustive tells which) and each test metric's mean and sample
-- standard deviation (n - 1; null for a single subset) over them. ensemble_size keeps the first-k ensemble.
create view ensemble_size_subsets_all as
select study, kind, variant, size, subsets, exhaustive, accuracy_mean, accuracy_sd, nll_mean, nll_sd, brier_mean,
       brier_sd, ece_mean, ece_sd, run_key
from ensemble_subset;

create view plane_surface_all as
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
       p.id          as plane_id,
       (select st.inputs ->> 'run' from stage st
         where st.study = p.study and st.input_key = p.input_key limit 1) as run_key
from plane p
         join plane_point q on q.plane_id = p.id;

create view plane_points_projected_all as
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
       p.id          as plane_id,
       (select st.inputs ->> 'run' from stage st
         where st.study = p.study and st.input_key = p.input_key limit 1) as run_key
from plane p
         join plane_projection r on r.plane_id = p.id
         left join model m on m.id = r.model_id;

create view interpolation_curve_all as
select p.study,
       p.pair,
       split_part(p.pair, '-', 1) as from_label,
       split_part(p.pair, '-', 2) as to_label,
       p.i,
       p.t,
       p.train_loss,
       p.train_error,
       p.test_nll,
       p.test_error,
       (select st.inputs ->> 'run' from stage st
         where st.study = p.study and st.input_key = p.input_key limit 1) as run_key
from interpolation_point p;

-- Metrics on corrupted test sets, for models (label, member) and ensembles (kind, size).
create view shift_metrics_all as
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
       s.ensemble_id,
       coalesce(m.run_key, e.run_key)                                   as run_key
from shift_metric s
         left join model m on m.id = s.model_id
         left join ensemble e on e.id = s.ensemble_id;

-- Loss and error along each trained curve (Garipov et al. Fig. 2 and 3) at every evaluated t, beside the
-- straight line between the same endpoints at the same t.
create view curve_profile_all as
select c.study,
       c.label        as curve,
       c.type,
       c.endpoint_a,
       c.endpoint_b,
       p.i,
       p.t,
       p.train_loss,
       p.train_error,
       p.test_nll,
       p.test_error,
       l.train_loss   as line_train_loss,
       l.train_error  as line_train_error,
       l.test_nll     as line_test_nll,
       l.test_error   as line_test_error,
       c.run_key,
       c.id           as curve_id
from curve c
         join curve_point p on p.curve_id = c.id and p.path = 'curve'
         left join curve_point l on l.curve_id = c.id and l.path = 'line' and l.i = p.i;

-- Per curve and path (the curve, or the straight line between its ends) and metric: the value at each end, the
-- minimum, maximum and mean over the evaluated t, the integral along the path weighted by length (trapezoids
-- over the segments, divided by the path's length), the path's length, and the barrier: the maximum minus the
-- larger of the two ends.
create view curve_summary_all as
with points as (
    select c.study, c.label as curve, c.type, c.run_key, c.id as curve_id, p.path, p.i, p.t, p.segment, m.metric,
           m.value,
           lag(m.value) over (partition by c.id, p.path, m.metric order by p.i) as previous
    from curve c
             join curve_point p on p.curve_id = c.id
             cross join lateral (values ('train_loss', p.train_loss), ('train_error', p.train_error),
                                        ('test_nll', p.test_nll), ('test_error', p.test_error)) m(metric, value)
)
select study,
       curve,
       type,
       path,
       metric,
       max(value) filter (where i = 0)                                   as start_value,
       (array_agg(value order by i desc))[1]                             as end_value,
       min(value)                                                        as min_value,
       max(value)                                                        as max_value,
       avg(value)                                                        as mean_value,
       case when sum(segment) > 0
            then sum(coalesce((value + previous) / 2 * segment, 0)) / sum(segment) end as integral,
       sum(segment)                                                      as length,
       max(value) - greatest(max(value) filter (where i = 0), (array_agg(value order by i desc))[1]) as barrier,
       count(*)                                                          as points,
       run_key,
       curve_id
from points
group by study, curve, type, path, metric, run_key, curve_id;

-- Garipov et al. Table 1: independent training (ind: the deep ensemble of k members), snapshot ensembles (sse)
-- and fast geometric ensembling (fge) at equal training budgets of 1B, 2B, ... (B = train.epochs, the cost of
-- one network); epochs counts every epoch spent, FGE's starting member included.
create view budget_ensembles_all as
select study,
       method,
       budget,
       1 - accuracy as error,
       accuracy,
       nll,
       brier,
       ece,
       models,
       epochs,
       run_key
from budget_ensemble;

-- ---- a single basin (Lion et al. 2024's questions; Basin's definitions, see the README) ------------------

-- Every measured barrier: B(a, b) = max over t of L((1-t)a + tb) - ((1-t)L(a) + tL(b)), on the train loss and on
-- the test error, between two models of an ensemble (a at position -1 is the ensemble's anchor).
create view barriers_all as
select b.study,
       b.kind,
       b.variant,
       model_label(ma.kind, ma.member, ma.epoch, ma.variant) as a,
       model_label(mb.kind, mb.member, mb.epoch, mb.variant) as b,
       b.train_loss_barrier,
       b.test_error_barrier,
       b.disagreement,
       b.train_loss_t,
       b.test_error_t,
       b.position_a,
       b.position_b,
       b.points,
       b.run_key,
       b.id as barrier_id
from barrier b
         join model ma on ma.id = b.model_a
         join model mb on mb.id = b.model_b;

-- Loss and error along each measured barrier's line.
create view barrier_profile_all as
select v.study, v.kind, v.variant, v.a, v.b, p.i, p.t, p.train_loss, p.train_error, p.test_nll, p.test_error,
       v.run_key, v.barrier_id
from barriers_all v
         join barrier_point p on p.barrier_id = v.barrier_id;

-- Every ensemble with its connectivity: test accuracy, NLL and ECE, and over the pairs of its first `size`
-- models the mean disagreement and mean barrier, and its models' mean accuracy (Lion et al.'s connectivity vs
-- accuracy). The pair columns are null where the ensemble's barriers were not measured (see barriers.ensembles).
create view ensemble_connectivity_all as
select e.study,
       e.kind,
       e.variant,
       e.size,
       em.accuracy,
       em.nll,
       em.ece,
       pairs.mean_disagreement,
       pairs.mean_barrier,
       pairs.mean_error_barrier,
       models.mean_member_accuracy,
       anchor.mean_barrier_to_anchor,
       anchor.mean_error_barrier_to_anchor,
       em.brier,
       pairs.pairs,
       e.run_key,
       e.id as ensemble_id
from ensemble e
         join ensemble_metrics_all em on em.ensemble_id = e.id and em.split = 'test'
         left join lateral (select avg(b.disagreement)       as mean_disagreement,
                                   avg(b.train_loss_barrier) as mean_barrier,
                                   avg(b.test_error_barrier) as mean_error_barrier,
                                   count(*)                  as pairs
                              from barrier b
                             where b.study = e.study and b.run_key = e.run_key and b.kind = e.kind
                               and b.variant = e.variant and b.position_a >= 0 and b.position_b < e.size
                            having count(*) > 0) pairs on true
         left join lateral (select avg(b.train_loss_barrier) as mean_barrier_to_anchor,
                                   avg(b.test_error_barrier) as mean_error_barrier_to_anchor
                              from barrier b
                             where b.study = e.study and b.run_key = e.run_key and b.kind = e.kind
                               and b.variant = e.variant and b.position_a = -1 and b.position_b < e.size
                            having count(*) > 0) anchor on true
         left join lateral (select avg(mm.accuracy) as mean_member_accuracy
                              from ensemble_member m
                                       join member_metrics_all mm on mm.model_id = m.model_id and mm.split = 'test'
                             where m.study = e.study and m.run_key = e.run_key and m.kind = e.kind
                               and m.variant = e.variant and m.position < e.size
                            having count(*) > 0) models on true;

-- Each aligned member: how far its weights moved towards the reference, its barrier to the reference before
-- (kind 'deep') and after ('aligned') alignment, and the merged midpoint of the two, batch norm recomputed.
create view alignment_summary_all as
select a.study,
       a.member,
       a.reference,
       a.distance_before,
       a.distance_after,
       before.train_loss_barrier as barrier_before,
       after.train_loss_barrier  as barrier_after,
       before.test_error_barrier as error_barrier_before,
       after.test_error_barrier  as error_barrier_after,
       merged.accuracy           as merged_accuracy,
       merged.nll                as merged_nll,
       a.sweeps,
       a.run_key
from alignment a
         left join lateral (select b.* from barriers_all b
                             where b.study = a.study and b.run_key = a.run_key and b.kind = 'deep'
                               and ((b.a = 'final:' || a.reference and b.b = 'final:' || a.member)
                                 or (b.b = 'final:' || a.reference and b.a = 'final:' || a.member))
                             limit 1) before on true
         left join lateral (select b.* from barriers_all b
                             where b.study = a.study and b.run_key = a.run_key and b.kind = 'aligned'
                               and b.a = 'final:' || a.reference and b.b = 'aligned:' || a.member
                             limit 1) after on true
         left join member_metrics_all merged
                   on merged.study = a.study and merged.run_key = a.run_key and merged.kind = 'merged'
                       and merged.member = a.member and merged.split = 'test';

-- Each member's training curve: per epoch, the mean minibatch loss and the test accuracy and NLL at its end (on the
-- first test_points of the test split: all of them unless the training set is less than six times larger).
create view training_curve_all as
select study, member, epoch, step, train_loss, test_accuracy, test_nll, test_points, images_per_sec, seconds, run_key
from train_epoch;

-- ---- the current run: each analysis' rows of its study's current run (study.run_key) ------------------

create view member_metrics as
select v.* from member_metrics_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view ensemble_metrics as
select v.* from ensemble_metrics_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view trajectory_metrics as
select v.* from trajectory_metrics_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view similarity_pairs as
select v.* from similarity_pairs_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view tsne_points as
select v.* from tsne_points_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view swa_metrics as
select v.* from swa_metrics_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view subspace_diversity as
select v.* from subspace_diversity_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view ensemble_size as
select v.* from ensemble_size_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view ensemble_size_subsets as
select v.* from ensemble_size_subsets_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view plane_surface as
select v.* from plane_surface_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view plane_points_projected as
select v.* from plane_points_projected_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view interpolation_curve as
select v.* from interpolation_curve_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view shift_metrics as
select v.* from shift_metrics_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view curve_profile as
select v.* from curve_profile_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view curve_summary as
select v.* from curve_summary_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view budget_ensembles as
select v.* from budget_ensembles_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view barriers as
select v.* from barriers_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view barrier_profile as
select v.* from barrier_profile_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view ensemble_connectivity as
select v.* from ensemble_connectivity_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view alignment_summary as
select v.* from alignment_summary_all v join study s on s.name = v.study and s.run_key = v.run_key;

create view training_curve as
select v.* from training_curve_all v join study s on s.name = v.study and s.run_key = v.run_key;
