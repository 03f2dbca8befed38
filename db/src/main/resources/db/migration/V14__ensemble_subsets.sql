-- Basin schema, version 14: ensembles of size k over all subsets of k members, not only the first k (Fort et al.
-- average their ensemble-size curves over subsets). One row per kind, variant and size: how many subsets were scored
-- (all C(M, k) of them, or 100 distinct ones drawn at random, seeded by the study seed and k, when C(M, k) > 100), and
-- the mean and sample standard deviation (n - 1; null for a single subset) of each test metric over them. The first-k
-- ensemble of each size stays in table ensemble.

create table ensemble_subset (
    study         text             not null references study (name),
    run_key       text             not null,
    kind          text             not null,   -- 'deep', 'swa', 'multi-swag'
    variant       text             not null default '',
    size          int              not null check (size > 0),
    subsets       int              not null check (subsets > 0),
    exhaustive    boolean          not null,   -- every subset of that size, not a random draw of them
    accuracy_mean double precision not null,
    accuracy_sd   double precision,
    nll_mean      double precision not null,
    nll_sd        double precision,
    brier_mean    double precision not null,
    brier_sd      double precision,
    ece_mean      double precision not null,
    ece_sd        double precision,
    input_key     text             not null,
    primary key (study, run_key, kind, variant, size)
);
