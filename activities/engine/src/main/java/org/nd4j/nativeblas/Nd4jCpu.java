package org.nd4j.nativeblas;

/**
 * Compatibility shim that switches DL4J's oneDNN layer helpers back on.
 *
 * <p>In 1.0.0-M2.1 {@code BaseMKLDNNHelper.mklDnnEnabled()} looks, by reflection, for
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}: the names of the
 * pre-M2 bindings. The bindings moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}
 * and the method became {@code isUseONEDNN()}, so the check fails silently and every conv and
 * pooling layer falls back to the slow built-in implementation. This class carries the old names
 * and forwards to the real bindings. Nothing else should use it.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {}

    /** The single method DL4J's reflection check calls, forwarded to the real native environment. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
