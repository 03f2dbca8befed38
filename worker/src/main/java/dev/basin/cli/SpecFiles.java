package dev.basin.cli;

import dev.basin.spec.SpecException;
import dev.basin.spec.SpecParser;
import dev.basin.spec.SpecRules;
import dev.basin.spec.StudySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and validates a study file before anything is started or written. */
final class SpecFiles {
    private SpecFiles() {}

    record Loaded(String text, StudySpec spec) {}

    /**
     * Reads at most one byte more than a spec may hold, so that a huge file (or {@code /dev/zero})
     * is refused without being read into memory, and refuses text that is not UTF-8.
     */
    static Loaded read(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + " is a directory, not a study file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(SpecRules.MAX_SPEC_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such study file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read it (" + e.getMessage() + ")");
        }
        if (bytes.length > SpecRules.MAX_SPEC_BYTES) {
            throw new BadInputException(file + " is too large for a study file (the limit is "
                    + SpecRules.MAX_SPEC_BYTES / 1024 + " KiB)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + " is not UTF-8 text; a study file is YAML");
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
