package dev.basin.engine.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * {@link TorchNesterov}'s step. DL4J subtracts what {@link #applyUpdater} leaves in {@code gradient} from the
 * parameters, so it turns g into lr·(g + μ·b) after b ← μ·b + g (PyTorch's {@code torch.optim.SGD} with
 * {@code nesterov=True}, dampening 0; its first step's b = g is this with b starting at 0).
 */
public final class TorchNesterovUpdater implements GradientUpdater<TorchNesterov> {

    /** The name of the momentum buffer in {@link #getState()}. */
    public static final String BUFFER = "B";

    private final TorchNesterov config;
    private INDArray b;

    TorchNesterovUpdater(TorchNesterov config) {
        this.config = config;
    }

    @Override
    public TorchNesterov getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (!stateMap.containsKey(BUFFER) || stateMap.size() != 1) {
            throw new IllegalStateException("state map should contain only the key " + BUFFER + ", got "
                    + stateMap.keySet());
        }
        b = stateMap.get(BUFFER);
        if (initialize) {
            b.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Map.of(BUFFER, b);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (!viewArray.isRowVectorOrScalar()) {
            throw new IllegalArgumentException("invalid input: expect row vector input");
        }
        if (initialize) {
            viewArray.assign(0);
        }
        b = viewArray.reshape(gradientOrder, gradientShape);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (b == null) {
            throw new IllegalStateException("updater has not been initialized with view state");
        }
        double lr = config.getLearningRate(iteration, epoch);
        double mu = config.getMomentum();
        b.muli(mu).addi(gradient);
        gradient.addi(b.mul(mu)).muli(lr);
    }
}
