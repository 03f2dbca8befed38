-- Basin schema, version 10: one study, one current run. The study row records the run key of its latest
-- submission, and the views (R__views.sql) show that run's rows only; each view's <name>_all shows every run.

alter table study add column run_key text;   -- the run key of the latest submission; null until one begins

-- A study submitted before this version: its current run is the one that stored the newest model.
update study s
   set run_key = (select m.run_key from model m where m.study = s.name order by m.id desc limit 1);
