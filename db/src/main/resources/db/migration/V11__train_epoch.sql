-- Basin schema, version 11: every member's training curve, one row per epoch (report figures training-loss and
-- training-accuracy). Table progress keeps only each member's latest row; this keeps them all.
-- Written at each epoch's end with an upsert: a resumed run that trains an epoch again rewrites its row.

create table train_epoch (
    study          text             not null references study (name),
    run_key        text             not null,
    member         int              not null check (member >= 0),
    epoch          int              not null check (epoch >= 1),   -- epochs completed, as checkpoints count them
    step           bigint           not null,
    train_loss     double precision,   -- mean minibatch loss over the epoch's steps (those since a resume)
    test_accuracy  double precision,   -- on the first test_points of the study's test split, inference mode
    test_nll       double precision,
    test_points    int,                -- how many test points: at most a sixth of the training set's size
    images_per_sec double precision,   -- training throughput over the epoch, evaluation excluded
    seconds        double precision,   -- the epoch's training time, evaluation excluded
    primary key (study, run_key, member, epoch)
);
