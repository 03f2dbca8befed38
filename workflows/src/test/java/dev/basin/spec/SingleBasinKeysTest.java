package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.basin.engine.analysis.AlignConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.BarriersConfig;
import dev.basin.engine.analysis.DistillConfig;
import dev.basin.engine.analysis.SpawnConfig;
import dev.basin.engine.analysis.WeightRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spawn}, {@code align}, {@code distill} and {@code barriers}: defaults, explicit values, printing, rules. */
class SingleBasinKeysTest {

    static final String BASE = "study: basin\ntrain: {members: 3, epochs: 10}\n";

    static final String DEFAULTS = BASE + """
            spawn: {at: [5, 2]}
            align: {}
            distill: [{}]
            barriers: {}
            """;

    static final String FULL = """
            study: basin
            train: {members: 3, epochs: 10, batchSize: 64, optimizer: sgd, lr: 0.1, weightDecay: 0.001}
            swa: {start: 8}
            fge: {}
            sse: {}
            spawn: {parent: 2, at: [9, 1, 4], children: 16}
            align: {reference: 1}
            distill:
              - students: 1
                from: final:2
                teacher: final:1
                alpha: 0
                temperature: 100
                penalty: 100
                epochs: 1000
                lr: 10
                momentum: 0
                weightDecay: 0.5
                batchSize: 8192
              - {teacher: final:0}
              - {}
            barriers: {points: 201, trainSubset: 1, ensembles: [sse, deep, swa, fge, spawn, aligned, distill]}
            """;

    private static final DistillConfig DEFAULT_DISTILL =
            new DistillConfig(3, WeightRef.finalOf(0), "deep", 0.9, 4.0, 0.0, 10, 0.05 / 10, 0.9, 5e-4, 128);

    @Test
    void defaultsFollowTrain() {
        AnalysesConfig a = SpecParser.parse(DEFAULTS).analyses();
        assertEquals(new SpawnConfig(0, List.of(2, 5), 4), a.spawn(), "the epochs sorted");
        assertEquals(new AlignConfig(0), a.align());
        assertEquals(List.of(DEFAULT_DISTILL), a.distill());
        assertEquals(new BarriersConfig(11, 5000, List.of("deep", "spawn", "aligned", "distill")), a.barriers());
        assertEquals(true, a.singleBasin());
    }

    @Test
    void absentKeysAreNull() {
        AnalysesConfig a = SpecParser.parse(BASE).analyses();
        assertNull(a.spawn());
        assertNull(a.align());
        assertNull(a.distill());
        assertNull(a.barriers());
        assertEquals(false, a.singleBasin());
    }

    @Test
    void barriersDefaultListsTheKeysGiven() {
        assertEquals(List.of("deep"), SpecParser.parse(BASE + "barriers: {}\n").analyses().barriers().ensembles());
        assertEquals(List.of("deep", "distill"), SpecParser.parse(BASE + "distill: [{}]\nbarriers: {}\n")
                .analyses().barriers().ensembles());
        assertEquals(1000, SpecParser.parse("study: a\ndata: {trainSubset: 1000}\ntrain: {members: 2, epochs: 2}\n"
                + "barriers: {}\n").analyses().barriers().trainSubset(), "no more than the training set");
    }

    @Test
    void everyKeyGiven() {
        AnalysesConfig a = SpecParser.parse(FULL).analyses();
        assertEquals(new SpawnConfig(2, List.of(1, 4, 9), 16), a.spawn());
        assertEquals(new AlignConfig(1), a.align());
        assertEquals(List.of(
                new DistillConfig(1, WeightRef.finalOf(2), "final:1", 0.0, 100.0, 100.0, 1000, 10.0, 0.0, 0.5, 8192),
                new DistillConfig(3, WeightRef.finalOf(0), "final:0", 0.9, 4.0, 0.0, 10, 0.1 / 10, 0.9, 0.001, 64),
                new DistillConfig(3, WeightRef.finalOf(0), "deep", 0.9, 4.0, 0.0, 10, 0.1 / 10, 0.9, 0.001, 64)),
                a.distill());
        assertEquals(0, a.distill().get(1).teacherMember());
        assertEquals(new BarriersConfig(201, 1, List.of("sse", "deep", "swa", "fge", "spawn", "aligned", "distill")),
                a.barriers(), "in the order given");
    }

    @Test
    void printsDefaultsResolved() {
        String text = SpecPrinter.print(SpecParser.parse(DEFAULTS));
        assertEquals(true, text.endsWith("""
                spawn:
                  parent: 0
                  at: [2, 5]
                  children: 4
                align:
                  reference: 0
                distill:
                  - students: 3
                    from: final:0
                    teacher: deep
                    alpha: 0.9
                    temperature: 4.0
                    penalty: 0.0
                    epochs: 10
                    lr: 0.005
                    momentum: 0.9
                    weightDecay: 0.0005
                    batchSize: 128
                barriers:
                  points: 11
                  trainSubset: 5000
                  ensembles: [deep, spawn, aligned, distill]
                """), text);
        assertEquals("distill[0]:\n  students: 3\n  from: final:0\n  teacher: deep\n  alpha: 0.9\n"
                        + "  temperature: 4.0\n  penalty: 0.0\n  epochs: 10\n  lr: 0.005\n  momentum: 0.9\n"
                        + "  weightDecay: 0.0005\n  batchSize: 128\n",
                SpecPrinter.block("distill[0]", DEFAULT_DISTILL));
        assertEquals("spawn:\n  parent: 1\n  at: [3]\n  children: 2\n",
                SpecPrinter.block("spawn", new SpawnConfig(1, List.of(3), 2)));
        assertEquals("align:\n  reference: 2\n", SpecPrinter.block("align", new AlignConfig(2)));
    }

    @Test
    void roundTrip() {
        for (String yaml : List.of(DEFAULTS, FULL, BASE + "barriers: {ensembles: [deep]}\n",
                "study: a\ntrain: {members: 1, epochs: 2}\nspawn: {at: [1]}\ndistill: [{teacher: final:0}]\n"
                        + "barriers: {ensembles: [spawn, distill]}\n")) {
            StudySpec s = SpecParser.parse(yaml);
            assertEquals(List.of(), SpecValidator.problems(s));
            String text = SpecPrinter.print(s);
            assertEquals(s, SpecParser.parse(text), text);
            assertEquals(text, SpecPrinter.print(SpecParser.parse(text)), "printing is idempotent");
        }
    }

    @Test
    void builtSpecsGetTheSameRules() {
        StudySpec ok = SpecParser.parse(FULL);
        AnalysesConfig a = ok.analyses();
        DistillConfig d = a.distill().get(0);
        AnalysesConfig bad = new AnalysesConfig(a.trajectory(), a.similarity(), a.tsne(), a.swa(), a.subspace(),
                a.ensembles(), a.planes(), a.interpolation(), a.shift(), a.curves(), null, a.sse(), a.budget(),
                new SpawnConfig(-1, List.of(5, 3), 0), new AlignConfig(3),
                List.of(d, new DistillConfig(0, WeightRef.swa(0), "final:01", 2, 0, -1, 0, 11, 1, 1, 0), d),
                new BarriersConfig(2, 0, List.of("fge")));
        StudySpec s = new StudySpec(ok.study(), ok.seed(), ok.data(), ok.model(), ok.train(), bad);
        assertEquals(List.of(
                "spawn.parent: must be a member index, 0 or more, got -1",
                "spawn.at: must be in ascending order, got [5, 3]",
                "spawn.children: must be between 1 and 16, got 0",
                "align.reference: member 3 does not exist; train.members is 3",
                "distill[1].students: must be between 1 and 16, got 0",
                "distill[1].from: 'swa:0' is not a member's final weights nor a spawned child: students start from"
                        + " a member's final weights, final:M, or a spawned child, spawn:K@E",
                "distill[1].teacher: must be deep or final:J (J a member); got \"final:01\"",
                "distill[1].alpha: must be between 0 and 1, got 2",
                "distill[1].temperature: must be > 0, got 0",
                "distill[1].penalty: must be between 0 and 100, got -1",
                "distill[1].epochs: must be between 1 and 1000, got 0",
                "distill[1].lr: must be <= 10, got 11",
                "distill[1].momentum: must be >= 0 and < 1, got 1",
                "distill[1].weightDecay: must be >= 0 and < 1, got 1",
                "distill[1].batchSize: must be between 1 and 8192, got 0",
                "distill[2]: is the same distillation as distill[0]; give each distillation once (change"
                        + " students, from, teacher or a training key)",
                "barriers.points: must be between 3 and 201 (both ends included), got 2",
                "barriers.trainSubset: must be between 1 and 60000, got 0",
                "barriers.ensembles[0]: needs the fge key: 'fge' measures the models of the fge key"),
                SpecValidator.problems(s).stream().map(SpecProblem::toString).toList());
    }

    @Test
    void spawnProblems() {
        assertEquals("spawn.parent: member 3 does not exist; train.members is 3 (line 3)",
                SpecTesting.one(BASE + "spawn: {parent: 3, at: [2]}\n"));
        assertEquals("spawn.at: required: a list of epochs to spawn at, each between 1 and train.epochs - 1, e.g."
                + " at: [2, 5] (line 3)", SpecTesting.one(BASE + "spawn: {}\n"));
        assertEquals("spawn.at: must list at least one spawn epoch (line 3)",
                SpecTesting.one(BASE + "spawn: {at: []}\n"));
        assertEquals("spawn.at: must list at most 8 spawn epochs, got 9 (line 3)",
                SpecTesting.one(BASE + "spawn: {at: [1, 2, 3, 4, 5, 6, 7, 8, 9]}\n"));
        assertEquals("spawn.at[1]: must be an epoch between 1 and train.epochs - 1 (9) (a spawn at the last epoch"
                + " leaves its children nothing to train), got 10 (line 3)",
                SpecTesting.one(BASE + "spawn: {at: [2, 10]}\n"));
        assertEquals("spawn.at[0]: must be an epoch between 1 and train.epochs - 1 (9), got 0 (line 3)",
                SpecTesting.one(BASE + "spawn: {at: [0, 4]}\n"));
        assertEquals("spawn.at[2]: must be an epoch between 1 and train.epochs - 1 (9), got 11 (line 3)",
                SpecTesting.one(BASE + "spawn: {at: [7, 3, 11]}\n"), "reported where it was written");
        assertEquals("spawn.at[2]: 3 is given twice (also as spawn.at[0]); each may appear once (line 3)",
                SpecTesting.one(BASE + "spawn: {at: [3, 1, 3]}\n"));
        assertEquals("spawn: needs train.epochs of 2 or more: children continue from a checkpoint before the last"
                + " epoch, and train.epochs is 1 (line 3)",
                SpecTesting.one("study: a\ntrain: {members: 2, epochs: 1}\nspawn: {at: [1]}\n"));
        assertEquals("spawn.children: must be between 1 and 16, got 17 (line 3)",
                SpecTesting.one(BASE + "spawn: {at: [1], children: 17}\n"));
    }

    @Test
    void alignProblems() {
        assertEquals("align: needs train.members of 2 or more: with one member there is nothing to align (line 3)",
                SpecTesting.one("study: a\ntrain: {members: 1, epochs: 2}\nalign: {}\n"));
        assertEquals("align.reference: member 5 does not exist; train.members is 3 (line 3)",
                SpecTesting.one(BASE + "align: {reference: 5}\n"));
    }

    @Test
    void distillProblems() {
        assertEquals("distill[0].from: 'swa:0' is not a member's final weights nor a spawned child: students start"
                + " from a member's final weights, final:M, or a spawned child, spawn:K@E (line 4)",
                SpecTesting.one(BASE + "swa: {}\ndistill: [{from: swa:0}]\n"));
        assertEquals("distill[0].from: 'spawn:0@2' needs the spawn key (spawn: {at: [E]}; spawn:K@E is child K"
                + " spawned at epoch E) (line 3)", SpecTesting.one(BASE + "distill: [{from: spawn:0@2}]\n"));
        assertEquals("distill[0].from: 'spawn:0@2' names spawn epoch 2, which spawn.at does not list: 1 (line 4)",
                SpecTesting.one(BASE + "spawn: {at: [1]}\ndistill: [{from: spawn:0@2}]\n"));
        assertEquals("distill[0].from: 'spawn:4@1': child 4 does not exist; spawn.children is 4 (children 0 to 3)"
                + " (line 4)", SpecTesting.one(BASE + "spawn: {at: [1]}\ndistill: [{from: spawn:4@1}]\n"));
        assertEquals(WeightRef.spawn(3, 1), SpecParser.parse(BASE + "spawn: {at: [1]}\ndistill: [{from: spawn:3@1}]\n")
                .analyses().distill().get(0).from());
        assertEquals("distill[1].from: 'final:7': member 7 does not exist; train.members is 3 (line 3)",
                SpecTesting.one(BASE + "distill: [{}, {from: final:7}]\n"));
        assertEquals("distill[0].teacher: member 3 does not exist; train.members is 3 (line 3)",
                SpecTesting.one(BASE + "distill: [{teacher: final:3}]\n"));
        assertEquals("distill[0].teacher: must be deep or final:J (J a member); got \"swa:1\": a teacher is the deep"
                + " ensemble or one member's final weights (line 3)",
                SpecTesting.one(BASE + "distill: [{teacher: swa:1}]\n"));
        assertEquals("distill[0].teacher: must be deep or final:J (J a member); got \"deap\"; did you mean 'deep'?"
                + " (line 3)", SpecTesting.one(BASE + "distill: [{teacher: deap}]\n"));
        assertEquals("distill[0].teacher: 'deep' is the members' mean, and train.members is 1: give final:0, or"
                + " train 2 or more members (line 3)",
                SpecTesting.one("study: a\ntrain: {members: 1, epochs: 2}\ndistill: [{}]\n"));
        assertEquals("distill[0].temperature: must be <= 100, got 101 (line 3)",
                SpecTesting.one(BASE + "distill: [{temperature: 101}]\n"));
        assertEquals("distill[1]: is the same distillation as distill[0]; give each distillation once (change"
                + " students, from, teacher or a training key) (line 3)",
                SpecTesting.one(BASE + "distill: [{}, {students: 3, teacher: deep}]\n"));
        assertEquals("distill: must list at most 8 distillations, got 9 (line 3)",
                SpecTesting.one(BASE + "distill: [" + "{}, ".repeat(8) + "{}]\n"));
        assertEquals("distill: must list at least one distillation (line 3)", SpecTesting.one(BASE + "distill: []\n"));
    }

    @Test
    void barriersProblems() {
        assertEquals("barriers.ensembles[0]: needs the swa key: 'swa' measures the models of the swa key (line 3)",
                SpecTesting.one(BASE + "barriers: {ensembles: [swa]}\n"));
        assertEquals("barriers.ensembles[1]: needs the align key: 'aligned' measures the models of the align key"
                + " (line 3)", SpecTesting.one(BASE + "barriers: {ensembles: [deep, aligned]}\n"));
        assertEquals("barriers.ensembles[0]: 'deep' needs train.members of 2 or more: the deep ensemble's pairs are"
                + " its members, and train.members is 1 (list the ensembles to measure without deep) (line 3)",
                SpecTesting.one("study: a\ntrain: {members: 1, epochs: 2}\nbarriers: {}\n"));
        assertEquals("barriers.ensembles[1]: \"deep\" is given twice (also as barriers.ensembles[0]); each may appear"
                + " once (line 3)", SpecTesting.one(BASE + "barriers: {ensembles: [deep, deep]}\n"));
        assertEquals("barriers.ensembles[0]: must be one of deep, swa, fge, sse, spawn, aligned, distill; got"
                + " \"align\"; did you mean 'aligned'? (line 4)",
                SpecTesting.one(BASE + "align: {}\nbarriers: {ensembles: [align]}\n"));
        assertEquals("barriers.trainSubset: 2000 is more than the training set (data.trainSubset = 1000) (line 4)",
                SpecTesting.one("study: a\ndata: {trainSubset: 1000}\ntrain: {members: 2, epochs: 2}\n"
                        + "barriers: {trainSubset: 2000}\n"));
    }
}
