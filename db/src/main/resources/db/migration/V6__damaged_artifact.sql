-- Basin schema, version 6: the table of artifacts whose bytes no longer matched their recorded SHA-256
-- was called "corruption", a word the dataset-shift analysis uses for its corrupted test sets
-- (shift_metric.corruption). It is now damaged_artifact, with its index, sequence and constraints.
alter table corruption rename to damaged_artifact;
alter index corruption_study_idx rename to damaged_artifact_study_idx;
alter sequence corruption_id_seq rename to damaged_artifact_id_seq;
alter table damaged_artifact rename constraint corruption_pkey to damaged_artifact_pkey;
alter table damaged_artifact rename constraint corruption_kind_check to damaged_artifact_kind_check;
alter table damaged_artifact rename constraint corruption_study_fkey to damaged_artifact_study_fkey;
alter table damaged_artifact rename constraint corruption_member_check to damaged_artifact_member_check;
