package dev.basin.engine;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide ND4J/DL4J set-up. Call {@link #init(int)} before building or restoring any network.
 *
 * <p>Two bugs in DL4J 1.0.0-M2.1 keep the oneDNN conv/pooling helpers off (about 4x slower
 * training): the helpers are disabled unless the system property {@value #HELPERS_PROPERTY} is
 * {@code "false"}, and the oneDNN availability check looks for a class that no longer exists
 * (fixed by the shim {@link org.nd4j.nativeblas.Nd4jCpu}). Helpers are attached when a layer is
 * instantiated, so networks built before {@code init} stay slow. {@code init} also picks the native
 * build matching the CPU ({@link Natives}); that only works if it runs before anything touches ND4J.
 *
 * <p>Results are bit-reproducible only for the same thread count (and natives): the thread count
 * is part of a run's identity.
 */
public final class Engine {

    public static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private Engine() {}

    /**
     * Idempotent; a later call with a different {@code threads} changes the thread count.
     *
     * @param threads OpenMP and BLAS threads for ND4J ops (not the JVM's threads)
     */
    public static synchronized void init(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Natives.select();
        if (System.getProperty(HELPERS_PROPERTY) == null) {
            System.setProperty(HELPERS_PROPERTY, "false");
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getEnvironment().allowHelpers(true);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** Whether DL4J will attach oneDNN helpers to conv and pooling layers created from now on. */
    public static boolean oneDnnHelpersActive() {
        return !Boolean.parseBoolean(System.getProperty(HELPERS_PROPERTY, "true"))
                && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /**
     * Whether the loaded native library was built with oneDNN. The DL4J helpers attach (and
     * {@link #oneDnnHelpersActive()} is true) even over the generic build, which lacks it.
     */
    public static boolean nativesHaveOneDnn() {
        return org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
    }

    /**
     * Chooses the native build for this CPU ({@link #nativeExtension}) without loading ND4J, as {@link #init}
     * does first: what a saved calibration's key names.
     */
    public static String selectNatives() {
        return Natives.select();
    }

    /** The nd4j-native build extension chosen for this process, e.g. {@code -onednn-avx2}; "" = generic. */
    public static String nativeExtension() {
        return System.getProperty(Natives.PROPERTY, "");
    }

    /** The ND4J op thread count currently set. */
    public static int threads() {
        return Nd4j.getEnvironment().maxThreads();
    }
}
