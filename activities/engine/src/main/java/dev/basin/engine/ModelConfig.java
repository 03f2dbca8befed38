package dev.basin.engine;

/**
 * The network architecture: the spec's {@code model} key.
 *
 * @param name  a model-registry name such as {@code small-cnn}
 * @param width channel multiplier: every conv and hidden dense layer gets max(1, round(c·width))
 *              channels or units instead of c (the output layer keeps one unit per class). Null
 *              means {@value #DEFAULT_WIDTH}, so a request serialised before widths existed (whose
 *              JSON has no {@code width}) still reads as the model it named. Checked (finite,
 *              &gt; 0) when the model is built, not here, so that a spec parser can carry a bad value
 *              to its validator and report it with the spec's other problems.
 * @param init  weight initialisation: {@code he}, {@code glorot}, {@code pytorch} or {@code fort} (see
 *              {@link dev.basin.engine.model.Init}). Null means {@value #DEFAULT_INIT}, what every
 *              model used before the key existed, so older requests read unchanged.
 * @param depth the depth of a model family that has one ({@code preresnet}); null for the others, and
 *              for preresnet its reference default (110)
 */
public record ModelConfig(String name, Double width, String init, Integer depth) {

    public static final double DEFAULT_WIDTH = 1.0;
    public static final String DEFAULT_INIT = "he";

    public ModelConfig {
        if (width == null) {
            width = DEFAULT_WIDTH;
        }
        if (init == null) {
            init = DEFAULT_INIT;
        }
    }

    /** The model at {@code width}, He-initialised, at its default depth. */
    public ModelConfig(String name, Double width) {
        this(name, width, DEFAULT_INIT, null);
    }

    /** The model at its reference width. */
    public ModelConfig(String name) {
        this(name, DEFAULT_WIDTH);
    }
}
