package dev.basin.engine.metrics;

/**
 * Test-set quality of one model or ensemble.
 *
 * @param accuracy fraction of points whose arg-max class is the label (ties go to the lower class)
 * @param nll      mean negative log-likelihood of the label, natural log
 * @param brier    mean over points of Σ_k (p_k − y_k)²
 * @param ece      expected calibration error, 15 equal-width confidence bins
 */
public record Scores(double accuracy, double nll, double brier, double ece) {}
