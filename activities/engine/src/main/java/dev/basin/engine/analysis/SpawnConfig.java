package dev.basin.engine.analysis;

import java.util.List;

/**
 * The spec's {@code spawn} key (after Frankle et al. 2020, as Lion et al. 2024 use it): copies of one member's
 * checkpoint at epoch s, optimizer state included, continue to the member's full budget with their own data order.
 * Nothing else changes, so the later the spawn, the more the children share.
 *
 * @param parent   the member whose checkpoints are copied
 * @param at       the spawn epochs s, ascending, each between 1 and train.epochs − 1
 * @param children K: children per spawn epoch
 */
public record SpawnConfig(int parent, List<Integer> at, int children) {
    public SpawnConfig {
        at = AnalysesConfig.copy(at);
    }

    /** The model variant of child k spawned at epoch s: {@code es #k} (its label {@code spawn:P es #k}). */
    public static String childVariant(int epoch, int child) {
        return "e" + epoch + " #" + child;
    }
}
