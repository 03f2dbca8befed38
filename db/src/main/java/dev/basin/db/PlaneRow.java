package dev.basin.db;

import java.util.List;
import java.util.Objects;

/**
 * One loss plane of a study: the {@code planeIndex}-th entry of the spec's {@code plane} list. {@code id} is 0
 * until stored.
 *
 * @param anchors     the three anchors' texts, {@code final:0}, {@code swa:1}, {@code checkpoint:0@3}, {@code origin}
 * @param uNorm       {@code ‖w2 - w1‖}, the unit of the plane's coordinates; null until known
 * @param inputKey    the plane stage's input key: its points are kept only while the key stays the same
 */
public record PlaneRow(long id, String study, int planeIndex, List<String> anchors, int grid, double margin,
                       int trainSubset, Double uNorm, String inputKey) {

    public PlaneRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(inputKey, "inputKey");
        anchors = List.copyOf(anchors);
        if (anchors.size() != 3) {
            throw new IllegalArgumentException("a plane has 3 anchors, got " + anchors);
        }
    }

    /** A plane not yet stored. */
    public static PlaneRow of(String study, int planeIndex, List<String> anchors, int grid, double margin,
                              int trainSubset, String inputKey) {
        return new PlaneRow(0, study, planeIndex, anchors, grid, margin, trainSubset, null, inputKey);
    }
}
