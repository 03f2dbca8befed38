package dev.basin.engine.analysis;

/**
 * One entry of the spec's {@code curves} list: a curve between two weight vectors whose single bend θ is
 * trained so that the whole curve has low loss (Garipov et al. 2018), then evaluated along t.
 *
 * @param between     the fixed endpoints w1 (t = 0) and w2 (t = 1)
 * @param type        Bezier or polygonal chain
 * @param epochs      passes over the training set while the bend is trained
 * @param lr          base learning rate α (Garipov's schedule: α for half the epochs, down to 0.01α at 90%)
 * @param momentum    SGD momentum (PyTorch's form)
 * @param weightDecay coefficient of ½·wd·‖φ(t)‖², on the curve point, not on θ
 * @param batchSize   minibatch size; each minibatch draws its own t ~ U(0, 1)
 * @param points      evenly spaced t in [0, 1] at which the curve is evaluated, both ends included
 * @param trainSubset training images (the first ones) the train loss and error are computed on
 * @param ensemble    largest curve ensemble: sizes k = 1..ensemble, each the mean softmax at t = i/(k+1),
 *                    i = 1..k; 0 = none
 */
public record CurveConfig(WeightPair between, CurveType type, int epochs, double lr, double momentum,
                          double weightDecay, int batchSize, int points, int trainSubset, int ensemble) {

    /** The curve's label and stage suffix: {@code bezier final:0-final:1}. */
    public String label() {
        return type.text() + " " + between;
    }
}
