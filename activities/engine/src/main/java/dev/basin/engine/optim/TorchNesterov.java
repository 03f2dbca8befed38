package dev.basin.engine.optim;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * SGD with Nesterov momentum as PyTorch's {@code SGD(momentum=μ, nesterov=True)} computes it: the buffer holds
 * gradients, b ← μ·b + g, and the step is lr·(g + μ·b) at the rate of the current step. DL4J's {@code Nesterovs}
 * keeps v ← μ·v − lr·g instead, with the rate inside the velocity: equal to this while the rate is constant, but
 * after a rate change the old rate's momentum lingers for a few steps (see README, "Optimizer").
 *
 * <p>The gradient {@code g} it receives already holds DL4J's coupled L2 term wd·θ (L2 is applied before the
 * updater), as PyTorch's {@code weight_decay} adds it before the momentum buffer. A plain bean: DL4J writes a
 * network's updater into its JSON configuration by class name, so a checkpoint with this updater's state restores
 * it (keep the class's name and package).
 */
public final class TorchNesterov implements IUpdater {

    private double learningRate;
    private double momentum;
    private ISchedule learningRateSchedule;

    /** For Jackson. */
    public TorchNesterov() {
        this(0.1, 0.9);
    }

    public TorchNesterov(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        TorchNesterovUpdater u = new TorchNesterovUpdater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        TorchNesterovUpdater u = new TorchNesterovUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public TorchNesterov clone() {
        TorchNesterov c = new TorchNesterov(learningRate, momentum);
        c.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        return c;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public double getMomentum() {
        return momentum;
    }

    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    public void setLearningRateSchedule(ISchedule learningRateSchedule) {
        this.learningRateSchedule = learningRateSchedule;
    }

    /** Value equality: DL4J merges layers with equal updater configurations into one updater block. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TorchNesterov t && Double.compare(t.learningRate, learningRate) == 0
                && Double.compare(t.momentum, momentum) == 0
                && Objects.equals(t.learningRateSchedule, learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum, learningRateSchedule);
    }

    @Override
    public String toString() {
        return "TorchNesterov(lr=" + learningRate + ", momentum=" + momentum + ")";
    }
}
