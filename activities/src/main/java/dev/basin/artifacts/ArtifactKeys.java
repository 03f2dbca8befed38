package dev.basin.artifacts;

/**
 * The one place that decides where each kind of object lives in the bucket.
 *
 * <p>Every key sits under {@code studies/<study>/<runKey>/}: the run key hashes everything that
 * determines a member's weights, so a changed study never reads objects of an older one, and an
 * unchanged one finds its own.
 */
public final class ArtifactKeys {
    private ArtifactKeys() {}

    public static String checkpoint(String study, String runKey, int member, int epoch, long step) {
        return member(study, runKey, member) + String.format("checkpoint-e%04d-s%09d.ckpt", epoch, step);
    }

    public static String finalWeights(String study, String runKey, int member) {
        return member(study, runKey, member) + "final.ckpt";
    }

    public static String predictions(String study, String runKey, int member, String split) {
        return member(study, runKey, member) + "predictions-" + split + ".npy";
    }

    private static String member(String study, String runKey, int member) {
        return "studies/" + study + "/" + runKey + "/member-" + String.format("%03d", member) + "/";
    }
}
