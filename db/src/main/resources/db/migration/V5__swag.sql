-- Basin schema, version 5: where each member's SWAG moments are, so that the subspace samples
-- (diag-gaussian, multi-SWAG) load the moments the swa stage collected, checked against their SHA-256.

-- One member's SWAG moments (mean, diagonal variance, last K deviations) as one S3 object in
-- SwagMoments' own format ('BASINSWG'). The row goes with the SWA model it was collected beside.
create table swag_moments (
    study         text        not null references study (name),
    run_key       text        not null,
    member        int         not null check (member >= 0),
    swa_model_id  bigint      not null references model (id) on delete cascade,
    artifact_key  text        not null,
    sha256        text        not null,
    bytes         bigint      not null check (bytes >= 0),
    averaged      int         not null check (averaged > 0),   -- end-of-epoch weight vectors collected
    rank          int         not null check (rank >= 0),      -- deviation vectors held: min(averaged, swa.rank)
    -- whether the SWA solution's batch-norm statistics were recomputed over the training set before it
    -- was evaluated (only networks with batch norm have any)
    bn_recomputed boolean     not null,
    input_key     text        not null,
    created_at    timestamptz not null default now(),
    primary key (study, run_key, member)
);
create index swag_moments_model_idx on swag_moments (swa_model_id);

-- swa_metrics says whether each SWA solution's BN statistics were recomputed (new columns go last).
create or replace view swa_metrics as
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
from member_metrics f
         join member_metrics s on s.study = f.study and s.run_key = f.run_key and s.member = f.member
         left join swag_moments g on g.swa_model_id = s.model_id
where f.kind = 'final' and f.split = 'test' and s.kind = 'swa' and s.split = 'test';
