package dev.basin.engine;

/**
 * The update rule.
 *
 * @param name        {@code sgd} (plain), {@code nesterov} (Nesterov momentum) or {@code adam}
 * @param lr          base learning rate
 * @param momentum    momentum for {@code nesterov}; ignored otherwise
 * @param weightDecay coupled L2 coefficient, as PyTorch's {@code weight_decay}
 */
public record OptimizerConfig(String name, double lr, double momentum, double weightDecay) {}
