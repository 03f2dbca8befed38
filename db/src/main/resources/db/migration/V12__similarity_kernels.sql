-- Basin schema, version 12: the weight cosine over conv/dense kernels alone (no biases, no BN gamma/beta), beside
-- the cosine over all trainable parameters (README "Landscape analyses", similarity). Null for pairs stored
-- before it existed.
alter table similarity add column cosine_kernels double precision;
