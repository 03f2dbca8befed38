package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code basin gc} given what no study is called (on the real stack, see {@link ServedStack}): each is refused with
 * exit 2, naming the study asked for, before anything is listed or deleted; the study table and the bucket are as
 * they were.
 */
@ExtendWith(ServedStack.Resolver.class)
class GcHostileInputTest {

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(List.of("gc", "no-such-study"), "no study named 'no-such-study'"),
                Arguments.of(List.of("gc", "no-such-study", "--yes"), "no study named 'no-such-study'"),
                Arguments.of(List.of("gc", "../x"), "no study named '../x'"),
                Arguments.of(List.of("gc", "x/../../studies"), "no study named 'x/../../studies'"),
                Arguments.of(List.of("gc", "%"), "no study named '%'"),
                Arguments.of(List.of("gc", "x'; delete from study; --"), "no study named 'x'; delete from study; --'"),
                Arguments.of(List.of("gc", ""), "no study named ''"),
                Arguments.of(List.of("gc", "a", "b"), "Unmatched argument"),
                Arguments.of(List.of("gc", "--yes=maybe", "x"), "--yes"));
    }

    @ParameterizedTest(name = "basin {0}")
    @MethodSource("refused")
    void refusedWithExitTwoAndNothingDeleted(List<String> args, String message, ServedStack stack) {
        List<String> studies = stack.column("SELECT name FROM study ORDER BY name");
        long objects = stack.artifacts().list("studies/").size();
        Cli.Output out = stack.cli(args.toArray(String[]::new));
        assertEquals(Basin.BAD_INPUT, out.code(), out.out() + out.err());
        assertTrue(out.err().contains(message), out.err());
        assertEquals(studies, stack.column("SELECT name FROM study ORDER BY name"));
        assertEquals(objects, stack.artifacts().list("studies/").size());
    }
}
