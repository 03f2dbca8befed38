-- Basin schema, version 9: how good is a single basin? (the questions of Lion et al. 2024, Basin's definitions)
-- Spawned children, aligned and merged members, distilled students; loss barriers within ensembles.

-- A spawned child, an aligned member, the midpoint of two aligned members and a student are stored weights.
alter table model drop constraint model_kind_check;
alter table model add constraint model_kind_check
    check (kind in ('checkpoint', 'final', 'swa', 'sample', 'bend', 'fge', 'sse', 'spawn', 'aligned', 'merged',
                    'student'));

-- The models of an ensemble whose pairs were measured, in the order its sizes take them: the ensemble of
-- size k is positions 0 .. k-1.
create table ensemble_member (
    study     text   not null references study (name),
    run_key   text   not null,
    kind      text   not null,
    variant   text   not null,
    position  int    not null check (position >= 0),
    model_id  bigint not null references model (id) on delete cascade,
    input_key text   not null,
    primary key (study, run_key, kind, variant, position)
);

-- The loss barrier between two models of an ensemble (position -1: the ensemble's anchor, the model its members
-- started from or were spawned off): B = max over t of L((1-t)a + tb) - ((1-t)L(a) + tL(b)).
create table barrier (
    id                 bigserial primary key,
    study              text             not null references study (name),
    run_key            text             not null,
    kind               text             not null,
    variant            text             not null,
    position_a         int              not null check (position_a >= -1),
    position_b         int              not null check (position_b >= 0),
    model_a            bigint           not null references model (id) on delete cascade,
    model_b            bigint           not null references model (id) on delete cascade,
    points             int              not null check (points >= 2),
    train_loss_barrier double precision not null,   -- on the train loss (NLL), first trainSubset images
    train_loss_t       double precision not null,   -- where the maximum is
    test_error_barrier double precision not null,   -- on the test error, a fraction
    test_error_t       double precision not null,
    disagreement       double precision not null check (disagreement between 0 and 1),   -- of a and b, on test
    input_key          text             not null,
    constraint barrier_positions check (position_a < position_b),
    unique (study, run_key, kind, variant, position_a, position_b)
);

-- Loss and error at one t along a barrier's line, batch norm recomputed there.
create table barrier_point (
    barrier_id  bigint           not null references barrier (id) on delete cascade,
    i           int              not null check (i >= 0),
    t           double precision not null,
    train_loss  double precision not null,
    train_error double precision not null,
    test_nll    double precision not null,
    test_error  double precision not null,
    primary key (barrier_id, i)
);

-- One member permuted to match the reference member by weight matching.
create table alignment (
    study           text             not null references study (name),
    run_key         text             not null,
    member          int              not null check (member >= 0),
    reference       int              not null check (reference >= 0),
    sweeps          int              not null check (sweeps > 0),   -- coordinate-descent passes, the last unchanged
    distance_before double precision not null check (distance_before >= 0),   -- ‖w_ref − w_member‖
    distance_after  double precision not null check (distance_after >= 0),    -- ‖w_ref − P(w_member)‖
    input_key       text             not null,
    primary key (study, run_key, member)
);

-- A teacher's softmax on the training set, stored once in S3 (.npy) and keyed by the teacher's models.
create table teacher (
    study        text   not null references study (name),
    run_key      text   not null,
    teacher      text   not null,   -- 'deep' or 'final:J'
    models       text   not null,   -- the teaching models' weight hashes, in order
    artifact_key text   not null,
    sha256       text   not null,
    bytes        bigint not null check (bytes >= 0),
    input_key    text   not null,
    primary key (study, run_key, teacher)
);
