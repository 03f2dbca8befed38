package dev.basin.engine.analysis;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One weight vector of a study, named in a spec by its anchor text: {@code final:M} (member M's final weights),
 * {@code swa:M} (member M's SWA solution), {@code checkpoint:M@E} (member M's kept checkpoint at the end of epoch
 * E), {@code bend:C} (the trained bend θ of the spec's curve C), {@code spawn:K@E} (child K spawned from
 * {@code spawn.parent} at epoch E, its final weights), {@code origin} (all zeros). {@link #toString()} gives that
 * text back, in canonical form.
 *
 * @param kind   which kind of weights
 * @param member member index; the curve's index for {@code bend}; the child's for {@code spawn}; {@value #NONE}
 *               for {@code origin}
 * @param epoch  1-based epoch of a checkpoint, or the spawn epoch; {@value #NONE} for every other kind
 */
public record WeightRef(Kind kind, int member, int epoch) {

    /** The member or epoch of a reference that has none. */
    public static final int NONE = -1;

    /** Anchor syntax: one regular expression; numbers are plain decimals without leading zeros. */
    private static final Pattern SYNTAX =
            Pattern.compile("(final|swa|bend):(0|[1-9][0-9]{0,8})|(checkpoint|spawn):(0|[1-9][0-9]{0,8})@(0|[1-9][0-9]{0,8})"
                    + "|origin");

    /** The anchor syntax, for messages. */
    public static final String FORMS = "final:M, swa:M, checkpoint:M@E, bend:C, spawn:K@E or origin";

    public enum Kind {
        FINAL, SWA, CHECKPOINT, BEND, SPAWN, ORIGIN;

        /** The kind as the anchor syntax and the database write it: {@code final}, {@code swa}, ... */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public WeightRef {
        Objects.requireNonNull(kind, "kind");
    }

    public static WeightRef finalOf(int member) {
        return new WeightRef(Kind.FINAL, member, NONE);
    }

    public static WeightRef swa(int member) {
        return new WeightRef(Kind.SWA, member, NONE);
    }

    public static WeightRef checkpoint(int member, int epoch) {
        return new WeightRef(Kind.CHECKPOINT, member, epoch);
    }

    /** The bend θ of the spec's curve {@code curve} (its index in {@code curves}). */
    public static WeightRef bend(int curve) {
        return new WeightRef(Kind.BEND, curve, NONE);
    }

    /** Child {@code child} spawned from the spec's {@code spawn.parent} at epoch {@code epoch}. */
    public static WeightRef spawn(int child, int epoch) {
        return new WeightRef(Kind.SPAWN, child, epoch);
    }

    public static WeightRef origin() {
        return new WeightRef(Kind.ORIGIN, NONE, NONE);
    }

    /**
     * The reference that {@code text} names.
     *
     * @throws IllegalArgumentException when {@code text} is not one of {@value #FORMS} (M and E plain decimal
     *                                  numbers without leading zeros)
     */
    public static WeightRef parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a weight reference (" + FORMS + "): '" + text + "'");
        }
        if (m.group(1) != null) {
            int member = Integer.parseInt(m.group(2));
            return switch (m.group(1)) {
                case "final" -> finalOf(member);
                case "swa" -> swa(member);
                default -> bend(member);
            };
        }
        if (m.group(3) != null) {
            int member = Integer.parseInt(m.group(4));
            int epoch = Integer.parseInt(m.group(5));
            return m.group(3).equals("checkpoint") ? checkpoint(member, epoch) : spawn(member, epoch);
        }
        return origin();
    }

    /** {@code final:0}, {@code swa:2}, {@code checkpoint:1@3}, {@code origin}. */
    @Override
    public String toString() {
        return switch (kind) {
            case FINAL, SWA, BEND -> kind.text() + ":" + member;
            case CHECKPOINT, SPAWN -> kind.text() + ":" + member + "@" + epoch;
            case ORIGIN -> kind.text();
        };
    }
}
