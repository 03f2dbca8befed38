package dev.basin.db;

/**
 * One cell of the budget table: {@code method}'s ensemble ({@code ind}, {@code sse} or {@code fge}) of
 * {@code models} networks, trained for {@code epochs} epochs in all, within {@code budget} × train.epochs.
 */
public record BudgetRow(String study, String runKey, String method, int budget, int models, double epochs,
                        double accuracy, double nll, double brier, double ece, String inputKey) {}
