package dev.basin.engine.analysis;

/**
 * The spec's {@code budget} key: the budget table (Garipov et al. Table 1) comparing independent training, SSE
 * and FGE at equal training cost 1B, 2B, ... max·B, where B = train.epochs is the cost of one network.
 *
 * @param max the largest budget, in multiples of B
 */
public record BudgetConfig(int max) {}
