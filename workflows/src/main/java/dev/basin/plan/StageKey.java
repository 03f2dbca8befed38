package dev.basin.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * The canonical encoding of a stage's input key, so that a key never depends on how Java prints a value.
 *
 * <p>The key is the SHA-256, as 64 lower-case hex digits, of the UTF-8 bytes of: the line
 * {@value #LAYOUT}, then one line per input in ascending order of name ({@link String#compareTo}, i.e.
 * by UTF-16 code unit): {@code name}, a tab, the value's length in UTF-8 bytes, a tab, the value, a line
 * feed. The length makes the encoding unambiguous whatever a value holds (tabs, line feeds). Names and
 * values are exactly as given; a stage's inputs are its spec fragments in normalised YAML
 * ({@code SpecPrinter.block}), its parents' keys, the run key, the engine version, its activity and its
 * subject.
 *
 * <p>Bump {@link #LAYOUT} if this encoding ever changes: every key changes with it.
 */
public final class StageKey {
    /** The first line of every encoded key. */
    public static final String LAYOUT = "basin-stage-key/2";

    private StageKey() {}

    /** The encoded text of {@code inputs}, before hashing. */
    public static String encode(SortedMap<String, String> inputs) {
        StringBuilder text = new StringBuilder(LAYOUT).append('\n');
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            String value = e.getValue();
            text.append(e.getKey()).append('\t').append(value.getBytes(StandardCharsets.UTF_8).length).append('\t')
                    .append(value).append('\n');
        }
        return text.toString();
    }

    /** The input key of a stage with {@code inputs}. */
    public static String of(SortedMap<String, String> inputs) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encode(inputs).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
