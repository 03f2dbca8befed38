-- Basin schema, version 7: the stage graph. Each planned stage records what runs it, what it works on,
-- the stages it runs after and the named inputs its key covers, so that `basin status` can show the
-- graph and `basin plan` can say which input of a stage changed.
alter table stage
    add column position  int,             -- the stage's place in its plan: parents come first
    add column activity  text,            -- 'train', 'plane-row', ...
    add column subject   text,            -- 'member 3', 'plane 0 row 4', 'study', ...
    add column parents   text[] not null default '{}',
    add column inputs    jsonb;           -- {"spec tsne": "tsne:\n  perplexity: 10.0\n...", "parent similarity": "<key>", ...}

-- A plane's projections are made by two stages: the anchors by plane/P, the kept checkpoints and samples by
-- plane/P/projections; each row records the key it was computed under.
alter table plane_projection add column input_key text;
