-- Issue 12: MC dropout (subspace.mc-dropout) is a fifth sampling method of subspace_sample; its samples are the
-- member's own weights predicted with the model's dropout layers sampling (scale 1: the model's own rates).
alter table subspace_sample drop constraint subspace_sample_method_check;
alter table subspace_sample add constraint subspace_sample_method_check
    check (method in ('random', 'dropout', 'diag-gaussian', 'low-rank-gaussian', 'mc-dropout', 'member'));
