package dev.basin.cli;

import dev.basin.engine.EngineVersion;
import picocli.CommandLine.IVersionProvider;

/** The code version recorded with every study: the jar's version and the engine's. */
public final class Version implements IVersionProvider {
    public static String current() {
        String jar = Version.class.getPackage().getImplementationVersion();
        return "basin " + (jar == null ? "dev" : jar) + " (" + EngineVersion.ID + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {current()};
    }
}
