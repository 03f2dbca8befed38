package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile values for the single-basin keys, in the style of the CLI's {@code HostileInputTest} (whose cases run a
 * whole {@code basin run}): each spec is refused, with a message naming the path, what is wrong and what is
 * allowed. The same cases can move into {@code HostileInputTest.badSpecs} unchanged.
 */
class SingleBasinHostileInputTest {

    static Stream<Arguments> badSingleBasinSpecs() {
        String ok = "study: hostile\ntrain: {members: 2, epochs: 1}\n";
        String three = "study: hostile\ntrain: {members: 3, epochs: 4}\n";
        return Stream.of(
                spec("spawn as a list", three + "spawn: [1, 2]\n", "spawn:", "must be a map", "parent, at, children"),
                spec("spawn as null", three + "spawn: null\n", "spawn:", "must be a map"),
                spec("spawn without epochs", three + "spawn: {}\n", "spawn.at:", "required", "train.epochs - 1"),
                spec("spawn epoch as text", three + "spawn: {at: [two]}\n", "spawn.at[0]:", "two"),
                spec("spawn epochs as a number", three + "spawn: {at: 2}\n", "spawn.at:", "a list of epochs"),
                spec("negative spawn epoch", three + "spawn: {at: [-1]}\n", "spawn.at[0]:", "between 1 and"
                        + " train.epochs - 1 (3), got -1"),
                spec("duplicate spawn epoch", three + "spawn: {at: [2, 2]}\n", "spawn.at[1]:", "given twice"),
                spec("huge spawn epoch", three + "spawn: {at: [99999999999]}\n", "spawn.at[0]:", "99999999999"),
                spec("spawn at the last epoch", three + "spawn: {at: [4]}\n", "spawn.at[0]:",
                        "a spawn at the last epoch leaves its children nothing to train", "got 4"),
                spec("spawn after one epoch of training", ok + "spawn: {at: [1]}\n", "spawn:",
                        "needs train.epochs of 2 or more"),
                spec("spawn from a missing member", three + "spawn: {parent: 3, at: [1]}\n", "spawn.parent:",
                        "member 3 does not exist; train.members is 3"),
                spec("negative spawn parent", three + "spawn: {parent: -1, at: [1]}\n", "spawn.parent:",
                        "0 or more", "got -1"),
                spec("too many children", three + "spawn: {at: [1], children: 1000}\n", "spawn.children:",
                        "between 1 and 16", "got 1000"),
                spec("unknown spawn key", three + "spawn: {at: [1], child: 2}\n", "spawn.child:", "unknown key",
                        "children"),
                spec("align with one member", "study: hostile\ntrain: {members: 1, epochs: 2}\nalign: {}\n",
                        "align:", "needs train.members of 2 or more"),
                spec("align to a missing member", three + "align: {reference: 9}\n", "align.reference:",
                        "member 9 does not exist"),
                spec("align reference as text", three + "align: {reference: first}\n", "align.reference:", "first"),
                spec("distill as a map", three + "distill: {students: 3}\n", "distill:", "a list of distillations"),
                spec("null distillation", three + "distill: [null]\n", "distill[0]:", "must be a map"),
                spec("distill from a checkpoint", three + "trajectory: {}\ndistill: [{from: checkpoint:0@2}]\n",
                        "distill[0].from:", "students start from a member's final weights, final:M, or a spawned child, spawn:K@E"),
                spec("distill from bad text", three + "distill: [{from: fnal:0}]\n", "distill[0].from:", "fnal:0",
                        "did you mean 'final:0'"),
                spec("unknown teacher", three + "distill: [{teacher: ensemble}]\n", "distill[0].teacher:",
                        "deep or final:J"),
                spec("teacher as a number", three + "distill: [{teacher: 1}]\n", "distill[0].teacher:",
                        "deep or final:J", "\"1\""),
                spec("alpha above 1", three + "distill: [{alpha: 1.5}]\n", "distill[0].alpha:", "between 0 and 1",
                        "1.5"),
                spec("zero temperature", three + "distill: [{temperature: 0}]\n", "distill[0].temperature:",
                        "must be > 0"),
                spec("infinite temperature", three + "distill: [{temperature: .inf}]\n", "distill[0].temperature:",
                        "finite"),
                spec("negative penalty", three + "distill: [{penalty: -1}]\n", "distill[0].penalty:",
                        "between 0 and 100", "-1"),
                spec("distill rate as text", three + "distill: [{lr: fast}]\n", "distill[0].lr:", "fast"),
                spec("duplicate distillation", three + "distill: [{students: 2}, {students: 2}]\n", "distill[1]:",
                        "is the same distillation as distill[0]"),
                spec("unknown distill key", three + "distill: [{temprature: 2}]\n", "distill[0].temprature:",
                        "unknown key", "did you mean 'temperature'"),
                spec("two barrier points", three + "barriers: {points: 2}\n", "barriers.points:",
                        "between 3 and 201", "got 2"),
                spec("unknown barrier ensemble", three + "barriers: {ensembles: [bagging]}\n",
                        "barriers.ensembles[0]:", "bagging", "deep, swa, fge, sse, spawn, aligned, distill"),
                spec("barrier ensemble without its key", three + "barriers: {ensembles: [deep, spawn]}\n",
                        "barriers.ensembles[1]:", "needs the spawn key"),
                spec("barrier ensembles as text", three + "barriers: {ensembles: deep}\n", "barriers.ensembles:",
                        "a list of names"),
                spec("empty barrier ensembles", three + "barriers: {ensembles: []}\n", "barriers.ensembles:",
                        "at least one ensemble"),
                spec("barriers on one member", "study: hostile\ntrain: {members: 1, epochs: 2}\nbarriers: {}\n",
                        "barriers.ensembles[0]:", "'deep' needs train.members of 2 or more"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSingleBasinSpecs")
    void badStudyFileIsRefused(String name, String yaml, String[] expected) {
        assertThrows(SpecException.class, () -> SpecParser.parse(yaml));
        String problems = SpecParser.problems(yaml).stream().map(SpecProblem::toString)
                .collect(Collectors.joining("\n"));
        for (String e : expected) {
            assertTrue(problems.contains(e), () -> "'" + e + "' not in:\n" + problems);
        }
    }

    private static Arguments spec(String name, String yaml, String... expected) {
        return Arguments.of(name, yaml, expected);
    }
}
