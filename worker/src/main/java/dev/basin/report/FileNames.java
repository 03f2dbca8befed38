package dev.basin.report;

import java.util.regex.Pattern;

/**
 * Where a report puts each figure's files, relative to its folder: {@code ID.svg} and {@code ID.csv} for one study;
 * {@code STUDY/ID.svg} and {@code STUDY/ID.csv} in a comparison, one folder per study, so that the two studies'
 * figures keep their own names. Names come from figure ids and study names only, which are checked here, so no
 * figure can write outside the report's folder.
 */
public final class FileNames {
    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    /** The spec's rule for study names ({@code SpecRules.STUDY_REGEX}). */
    private static final Pattern STUDY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private FileNames() {}

    /** {@code id}, if it is a safe file name ({@code [a-z0-9-]+}); otherwise an exception naming it. */
    public static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("figure id '" + id + "' is not a file name of [a-z0-9-]+");
        }
        return id;
    }

    static String study(String study) {
        if (study == null || !STUDY.matcher(study).matches()) {
            throw new IllegalArgumentException("study name '" + study + "' is not a study name of [a-z0-9-]");
        }
        return study;
    }

    /** The path of a figure's file with {@code extension} ({@code svg} or {@code csv}), '/'-separated. */
    public static String of(boolean comparison, String study, String id, String extension) {
        String name = id(id) + "." + extension;
        return comparison ? study(study) + "/" + name : name;
    }
}
