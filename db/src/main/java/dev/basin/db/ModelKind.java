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
    SSE("sse");

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
        throw new IllegalArgumentException("unknown model kind '" + text + "', expected checkpoint, final, swa, sample, bend, fge or sse");
    }

    @Override
    public String toString() {
        return text;
    }
}
