-- Basin schema, version 6: the table of artifacts whose bytes no longer matched their recorded SHA-256
-- was called "corruption", a word the dataset-shift analysis uses for its corrupted test sets
-- (shift_metric.corruption). It is now damaged_artifact, with its index, sequence and constraints.
alter table corruption rename to damaged_artifact;
alter index corruption_study_idx rename to damaged_artifact_study_idx;
alter sequence corruption_id_seq rename to damaged_artifact_id_seq;
-- Every constraint named after the old table (PostgreSQL 18 also names the NOT NULL ones), whatever its name.
do $$
declare
    c record;
begin
    for c in select conname from pg_constraint
              where conrelid = 'damaged_artifact'::regclass and conname like 'corruption\_%' loop
        execute format('alter table damaged_artifact rename constraint %I to %I', c.conname,
                       'damaged_artifact' || substr(c.conname, length('corruption') + 1));
    end loop;
end $$;
