package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Part 9: {@code --bucket} / BASIN_BUCKET against S3's bucket naming rules. 24 hostile names, each
 * refused naming the rule it breaks; 2 hostile command lines, refused with exit 2 by the real CLI.
 */
class BucketNameTest {
    @TempDir Path dir;

    static Stream<Arguments> hostileNames() {
        return Stream.of(
                Arguments.of("b", "3 to 63 characters, not 1"),
                Arguments.of("", "3 to 63 characters, not 0"),
                Arguments.of("a".repeat(64), "3 to 63 characters, not 64"),
                Arguments.of("My-Bucket", "only lower-case letters, digits, '.' and '-'"),
                Arguments.of("my_bucket", "only lower-case letters"),
                Arguments.of("my bucket", "only lower-case letters"),
                Arguments.of("bucket/../etc", "only lower-case letters"),
                Arguments.of("bucket?x=1", "only lower-case letters"),
                Arguments.of("b\u00fccket", "only lower-case letters"),
                Arguments.of("bucket\nname", "only lower-case letters"),
                Arguments.of("-bucket", "begins and ends with a letter or a digit"),
                Arguments.of("bucket-", "begins and ends with a letter or a digit"),
                Arguments.of(".bucket", "begins and ends with a letter or a digit"),
                Arguments.of("bucket.", "begins and ends with a letter or a digit"),
                Arguments.of("my..bucket", "no two adjacent periods"),
                Arguments.of("192.168.5.4", "not an IP address"),
                Arguments.of("xn--bucket", "does not begin with 'xn--'"),
                Arguments.of("sthree-bucket", "does not begin with 'sthree-'"),
                Arguments.of("amzn-s3-demo-bucket", "does not begin with 'amzn-s3-demo-'"),
                Arguments.of("bucket-s3alias", "does not end with '-s3alias'"),
                Arguments.of("bucket--ol-s3", "does not end with '--ol-s3'"),
                Arguments.of("bucket.mrap", "does not end with '.mrap'"),
                Arguments.of("bucket--x-s3", "does not end with '--x-s3'"),
                Arguments.of("bucket--table-s3", "does not end with '--table-s3'"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("hostileNames")
    void hostileNameIsRefusedNamingTheRule(String name, String rule) {
        BadInputException e = assertThrows(BadInputException.class, () -> BucketName.check(name));
        assertTrue(e.getMessage().startsWith("--bucket (or BASIN_BUCKET) '"), e.getMessage());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "control characters are shown escaped: " + e.getMessage());
    }

    @Test
    void aHugeNameIsShownShortened() {
        BadInputException e = assertThrows(BadInputException.class, () -> BucketName.check("x".repeat(10_000)));
        assertTrue(e.getMessage().length() < 250 && e.getMessage().contains("...'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"basin", "abc", "my.bucket-1", "1.2.3",
            "0123456789-0123456789-0123456789-0123456789-0123456789-01234567"})
    void validNamesPass(String name) {
        assertDoesNotThrow(() -> BucketName.check(name));
    }

    /** The real CLI in external mode, with a database that answers: exit 2, the rule named, nothing started. */
    @ParameterizedTest(name = "basin {0}")
    @ValueSource(strings = {"status", "cancel"})
    @ExtendWith(ServedStack.Resolver.class)
    void theCommandLineRefusesABadBucketWithExitTwo(String command, ServedStack stack) throws Exception {
        Path password = Files.writeString(dir.resolve("password"), stack.endpoints.dbPassword() + "\n");
        Cli.Output out = command.equals("status")
                ? Cli.run("status", "--temporal", "127.0.0.1:1", "--db-url", stack.endpoints.dbUrl(),
                        "--db-password-file", password.toString(), "--bucket", "Basin_Results", "--data-dir", dir.toString())
                : Cli.run("cancel", "some-study", "--temporal", "127.0.0.1:1", "--db-url", stack.endpoints.dbUrl(),
                        "--db-password-file", password.toString(), "--bucket", "Basin_Results", "--data-dir", dir.toString());
        assertEquals(Basin.BAD_INPUT, out.code(), out.out() + out.err());
        assertTrue(out.err().contains("--bucket (or BASIN_BUCKET) 'Basin_Results': a bucket name has only lower-case"
                + " letters, digits, '.' and '-'"), out.err());
    }
}
