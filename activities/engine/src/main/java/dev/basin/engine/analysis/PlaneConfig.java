package dev.basin.engine.analysis;

import java.util.List;

/**
 * One entry of the spec's {@code plane} list: the loss surface on the plane through three weight vectors
 * ({@code u = w2 - w1}, {@code v = w3 - w1} made orthogonal to u, coordinates in units of {@code ‖u‖}).
 *
 * @param anchors     the three weight vectors w1, w2, w3, distinct
 * @param grid        points per side of the G×G grid
 * @param margin      how far the grid reaches beyond the anchors, in units of ‖u‖
 * @param trainSubset how many training images (the first ones) the train loss and accuracy are computed on
 */
public record PlaneConfig(List<WeightRef> anchors, int grid, double margin, int trainSubset) {

    public PlaneConfig {
        anchors = AnalysesConfig.copy(anchors);
    }
}
