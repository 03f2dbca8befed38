package dev.basin.db;

/**
 * What a stored set of weights is, as the {@code model} table's {@code kind} column holds it (its {@link #text()}).
 * {@link #toString()} is the same lower-case text, so labels and messages read as the column does.
 */
public enum ModelKind {
    /** A member's weights during training. */
    CHECKPOINT("checkpoint"),
    /** A member's weights at the end of training. */
    FINAL("final"),
    /** A member's SWA solution. */
    SWA("swa"),
    /** A subspace sample around a member. */
    SAMPLE("sample"),
    /** The trained bend θ of a curve between two models; member is the curve's index in the spec. */
    BEND("bend"),
    /** A snapshot of fast geometric ensembling; member is the member it started from. */
    FGE("fge"),
    /** A snapshot of the snapshot ensemble (trained from scratch); member is 0. */
    SSE("sse"),
    /** A child spawned from a member's checkpoint (variant {@code @E#k}); member is the parent. */
    SPAWN("spawn"),
    /** A member's final weights permuted to match the reference member's; member is the member permuted. */
    ALIGNED("aligned"),
    /** The midpoint of the reference member and an aligned member; member is the aligned member. */
    MERGED("merged"),
    /** A distilled student (variant {@code #k}); member is its group's index in the spec's distill list. */
    STUDENT("student");

    private final String text;

    ModelKind(String text) {
        this.text = text;
    }

    /** The text stored in PostgreSQL, e.g. {@code final}. */
    public String text() {
        return text;
    }

    /**
     * The kind stored as {@code text}.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static ModelKind fromText(String text) {
        for (ModelKind k : values()) {
            if (k.text.equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown model kind '" + text + "', expected one of "
                + java.util.Arrays.stream(values()).map(ModelKind::text).toList());
    }

    @Override
    public String toString() {
        return text;
    }
}
