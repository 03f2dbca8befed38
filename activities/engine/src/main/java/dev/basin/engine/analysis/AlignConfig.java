package dev.basin.engine.analysis;

/**
 * The spec's {@code align} key: permutation alignment by weight matching (Ainsworth et al. 2022, "Git Re-Basin").
 * Every other member's final weights are permuted, one permutation per hidden width, to match the reference
 * member's; the aligned members compute the same functions, only their coordinates move.
 *
 * @param reference the member the others are aligned to
 */
public record AlignConfig(int reference) {}
