package dev.basin.activities;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Names and input keys of a study's stages. Pure and deterministic: the workflow plans with it and
 * the activities key their results with it.
 *
 * <p>A stage is named after the spec key and verb it comes from ({@code train/member-003},
 * {@code evaluate/member-003}, {@code ensembles/deep}). Its input key is a SHA-256 over everything
 * that determines its result: for training the run key and the member; for evaluation the run key,
 * the member, the split and the SHA-256 of the weights; for the deep ensembles the run key, the split
 * and every member's prediction SHA-256, in member order. The engine version is inside the run key.
 * A result is reused only under the same input key.
 */
public final class Stages {
    /** Version of the key text layout; bump it if the layout ever changes. */
    private static final String LAYOUT = "basin-stage-key/1";

    public static final String ENSEMBLES = "ensembles/deep";

    private Stages() {}

    public static String train(int member) {
        return "train/" + memberName(member);
    }

    public static String evaluate(int member) {
        return "evaluate/" + memberName(member);
    }

    public static String trainKey(String runKey, int member) {
        return sha256(LAYOUT + "\ntrain\nrun: " + runKey + "\nmember: " + member + "\n");
    }

    public static String evaluateKey(String runKey, int member, String split, String weightsSha256) {
        return sha256(LAYOUT + "\nevaluate\nrun: " + runKey + "\nmember: " + member + "\nsplit: " + split
                + "\nweights: " + weightsSha256 + "\n");
    }

    /** @param members the evaluated members, in member order */
    public static String ensemblesKey(String runKey, String split, List<MemberScore> members) {
        StringBuilder text = new StringBuilder(LAYOUT + "\n" + ENSEMBLES + "\nrun: " + runKey + "\nsplit: " + split + "\n");
        for (MemberScore m : members) {
            text.append("member ").append(m.member()).append(": ").append(m.predictions().sha256()).append('\n');
        }
        return sha256(text.toString());
    }

    /**
     * Every stage of a study with {@code members} members. Only training's input keys are known before
     * anything runs; evaluation and ensembles get theirs once their inputs exist.
     */
    public static List<PlannedStage> plan(String runKey, int members) {
        List<PlannedStage> stages = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            stages.add(new PlannedStage(train(m), trainKey(runKey, m)));
        }
        for (int m = 0; m < members; m++) {
            stages.add(new PlannedStage(evaluate(m), null));
        }
        stages.add(new PlannedStage(ENSEMBLES, null));
        return stages;
    }

    /** SHA-256 of a stage's key text, in this class's versioned layout; for stages defined elsewhere. */
    public static String key(String verb, String text) {
        return sha256(LAYOUT + "\n" + verb + "\n" + text + "\n");
    }

    private static String memberName(int member) {
        return String.format(Locale.ROOT, "member-%03d", member);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
