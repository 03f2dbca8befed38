package dev.basin.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Picks which of the nd4j-native builds on the classpath JavaCPP loads, by the CPU's instruction
 * set, before ND4J first loads. Left alone, JavaCPP prefers the {@code -onednn-avx512} build
 * whenever its jar is present, and on a CPU without AVX-512 the process dies of SIGILL inside
 * {@code libnd4jcpu.so} the moment ND4J initialises.
 *
 * <p>Preference: the oneDNN build for the best instruction set the CPU has, then a plain build for
 * it, then the generic build (always on the classpath). Only oneDNN builds get the fast conv and
 * pooling helpers. An explicit {@value #PROPERTY} system property always wins.
 */
public final class Natives {

    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static final String RESOURCE = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64%s/";

    private Natives() {}

    /** Sets {@value #PROPERTY} unless already set; returns the extension in effect ("" = generic). */
    static String select() {
        String set = System.getProperty(PROPERTY);
        if (set != null) {
            return set;
        }
        String chosen = choose(cpuFlags(), ext -> Natives.class.getClassLoader()
                .getResource(String.format(RESOURCE, ext)) != null);
        System.setProperty(PROPERTY, chosen);
        return chosen;
    }

    /** @param available whether the natives for an extension (e.g. "-onednn-avx2") are on the classpath */
    static String choose(Set<String> flags, Predicate<String> available) {
        boolean avx512 = flags.contains("avx512f") && flags.contains("avx512bw") && flags.contains("avx512vl");
        boolean avx2 = flags.contains("avx2") && flags.contains("fma");
        List<String> order = avx512 ? List.of("-onednn-avx512", "-onednn-avx2", "-onednn", "-avx512", "-avx2")
                : avx2 ? List.of("-onednn-avx2", "-onednn", "-avx2") : List.of("-onednn");
        return order.stream().filter(available).findFirst().orElse("");
    }

    /** The CPU feature flags of /proc/cpuinfo; empty where it cannot be read (then generic natives). */
    public static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return Set.of(line.substring(line.indexOf(':') + 1).strip().split("\\s+"));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return Set.of();
    }
}
