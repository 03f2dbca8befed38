package dev.basin.artifacts;

/**
 * The one place that decides where each kind of object lives in the bucket.
 *
 * <p>Every key sits under {@code studies/<study>/<runKey>/}: the run key hashes everything that
 * determines a member's weights, so a changed study never reads objects of an older one, and an
 * unchanged one finds its own.
 *
 * <p>Checkpoints, analysis weights and stage states end with the SHA-256 of their bytes (see
 * {@link ArtifactStore#putAddressed}), so two racing attempts never share an object. Readers find
 * every object through the key its row records, never by rebuilding a key here, so objects stored
 * under the older keys without a hash stay readable.
 */
public final class ArtifactKeys {
    private ArtifactKeys() {}

    public static String checkpoint(String study, String runKey, int member, int epoch, long step, String sha256) {
        return member(study, runKey, member) + String.format("checkpoint-e%04d-s%09d-%s.ckpt", epoch, step,
                hash(sha256));
    }

    public static String finalWeights(String study, String runKey, int member) {
        return member(study, runKey, member) + "final.ckpt";
    }

    public static String predictions(String study, String runKey, int member, String split) {
        return member(study, runKey, member) + "predictions-" + split + ".npy";
    }

    /**
     * Weights of an analysis model (a SWA solution, a subspace sample), as a checkpoint.
     *
     * @param variant empty, or a name made of {@code [a-z0-9.=#-]} and spaces, e.g. {@code random r=10 #3}
     */
    public static String analysisWeights(String study, String runKey, String kind, int member, String variant,
                                         String sha256) {
        return member(study, runKey, member) + kind + part(variant) + "-" + hash(sha256) + ".ckpt";
    }

    /** Test-set (or other split) predictions of any stored model, named by its natural key. */
    public static String modelPredictions(String study, String runKey, String kind, int member, int epoch, long step,
                                          String variant, String split) {
        return member(study, runKey, member) + String.format("predictions/%s-e%04d-s%09d%s-%s.npy", kind, epoch, step,
                part(variant), split);
    }

    /** An analysis's own tensor (SWAG moments, say), under the study's run. */
    public static String analysis(String study, String runKey, String name) {
        return "studies/" + study + "/" + runKey + "/analysis/" + name;
    }

    /**
     * The saved state of a stage that trains on its own (a curve's bend, FGE, SSE) at global step {@code step},
     * under the stage's input key: {@code studies/<study>/<runKey>/stages/curves_final_0-final_1_bezier/<key>/...}.
     */
    public static String stageState(String study, String runKey, String stage, String inputKey, long step,
                                    String sha256) {
        return "studies/" + study + "/" + runKey + "/stages/" + stage.replaceAll("[^a-z0-9-]", "_") + "/" + inputKey
                + String.format("/state-s%09d-%s.bin", step, hash(sha256));
    }

    private static String hash(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256 in lower-case hex");
        }
        return sha256;
    }

    private static String part(String variant) {
        if (variant == null || variant.isEmpty()) {
            return "";
        }
        if (!variant.matches("[a-z0-9.=# -]+")) {
            throw new IllegalArgumentException("variant '" + variant + "' has characters unsafe in an S3 key");
        }
        return "-" + variant.replace(' ', '_').replace("#", "n").replace("=", "");
    }

    private static String member(String study, String runKey, int member) {
        return "studies/" + study + "/" + runKey + "/member-" + String.format("%03d", member) + "/";
    }
}
