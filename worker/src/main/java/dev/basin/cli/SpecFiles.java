package dev.basin.cli;

import dev.basin.spec.SpecException;
import dev.basin.spec.SpecParser;
import dev.basin.spec.StudySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and validates a study file before anything is started or written. */
final class SpecFiles {
    private SpecFiles() {}

    record Loaded(String text, StudySpec spec) {}

    static Loaded read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException(file + ": no such study file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read it (" + e.getMessage() + ")");
        }
        try {
            return new Loaded(text, SpecParser.parse(text));
        } catch (SpecException e) {
            int n = e.problems().size();
            throw new BadInputException(file + " is not a valid study (" + n + (n == 1 ? " problem" : " problems")
                    + "):\n  " + String.join("\n  ", e.problems().stream().map(Object::toString).toList()));
        }
    }
}
