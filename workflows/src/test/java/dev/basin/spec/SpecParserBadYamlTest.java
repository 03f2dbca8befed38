package dev.basin.spec;

import static dev.basin.spec.SpecTesting.one;
import static dev.basin.spec.SpecTesting.only;
import static dev.basin.spec.SpecTesting.problems;
import static dev.basin.spec.SpecTesting.train;
import static dev.basin.spec.SpecTesting.trainWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Specs the parser refuses for their YAML: the document, its keys, required blocks and value types. */
class SpecParserBadYamlTest {

    // ---- document level ------------------------------------------------------------------------------

    @Test
    void malformedYamlIsOneProblemWithLineAndColumn() {
        SpecProblem p = only("study: a\ntrain: [members: 5\nepochs: 4\n");
        assertEquals("", p.path());
        assertTrue(p.message().startsWith("malformed YAML at column "), p.message());
        assertTrue(p.line() >= 2, p.toString());
    }

    @Test
    void badIndentationIsMalformed() {
        SpecProblem p = only("study: a\ntrain:\n  members: 5\n epochs: 4\n");
        assertTrue(p.message().startsWith("malformed YAML"), p.message());
        assertEquals(4, p.line());
    }

    @Test
    void tabsForIndentation() {
        assertEquals("malformed YAML at column 1: tab characters cannot start a token; indent with spaces, not tabs"
                + " (line 3)", one("study: a\ntrain:\n\tmembers: 5\n\tepochs: 4\n"));
    }

    @Test
    void emptyInput() {
        assertEquals("spec is empty; it needs at least study, train.members and train.epochs", one(""));
        assertEquals("spec is empty; it needs at least study, train.members and train.epochs",
                one("# only a comment\n\n"));
        assertEquals("spec is empty; it needs at least study, train.members and train.epochs", one("---\n"));
    }

    @Test
    void listAtTopLevel() {
        assertEquals("the spec must be a map with keys study, seed, data, model, train, trajectory,"
                + " similarity, tsne, swa, subspace, ensembles, plane, interpolation, curves, budget, fge, sse,"
                + " spawn, align, distill, barriers, shift, got a list (line 1)",
                one("- study: a\n- train: {}\n"));
    }

    @Test
    void scalarAtTopLevel() {
        assertEquals("the spec must be a map with keys study, seed, data, model, train, trajectory,"
                + " similarity, tsne, swa, subspace, ensembles, plane, interpolation, curves, budget, fge, sse,"
                + " spawn, align, distill, barriers, shift, got \"hello\" (line 1)",
                one("hello\n"));
    }

    @Test
    void twoDocuments() {
        SpecProblem p = only(trainWith("") + "---\nstudy: b\n");
        assertTrue(p.message().startsWith("malformed YAML"), p.message());
        assertTrue(p.message().contains("single document"), p.message());
    }

    @Test
    void oversizeInput() {
        StringBuilder sb = new StringBuilder(trainWith(""));
        while (sb.length() <= SpecRules.MAX_SPEC_BYTES) {
            sb.append("# padding padding padding padding padding padding padding padding padding\n");
        }
        SpecProblem p = only(sb.toString());
        assertEquals("", p.path());
        assertEquals("spec is too large: " + sb.length() + " bytes; the limit is 262144 bytes (256 KiB)",
                p.message());
    }

    @Test
    void sizeLimitCountsUtf8Bytes() {
        // 100,000 three-byte characters: under the limit in chars, over it in bytes
        String big = trainWith("") + "# " + "€".repeat(100_000) + "\n";
        assertTrue(only(big).message().startsWith("spec is too large"));
    }

    @Test
    void billionLaughs() {
        String yaml = """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                """;
        assertEquals("malformed YAML: too many aliases to lists or maps (more than 10); a spec needs none",
                one(yaml));
    }

    @Test
    void deepNesting() {
        String yaml = "study: a\nx: " + "[".repeat(100) + "]".repeat(100) + "\n";
        assertTrue(only(yaml).message().startsWith("malformed YAML"));
    }

    @Test
    void recursiveAliasDoesNotLoop() {
        List<SpecProblem> p = problems("study: a\ntrain: &t\n  members: *t\n  epochs: 4\n");
        assertEquals("train.members", p.get(0).path());
        assertTrue(p.get(0).message().contains("got a map"), p.get(0).message());
    }

    @Test
    void nulCharacterIsRejected() {
        SpecProblem p = only("study: a\ntrain:\n  members: 5\u0000\n");
        assertTrue(p.message().startsWith("malformed YAML"), p.message());
    }

    // ---- keys ----------------------------------------------------------------------------------------

    @Test
    void unknownTopKeyWithSuggestion() {
        assertEquals("studdy: unknown key; allowed: study, seed, data, model, train, trajectory,"
                + " similarity, tsne, swa, subspace, ensembles, plane, interpolation, curves, budget, fge, sse,"
                + " spawn, align, distill, barriers, shift; did you mean 'study'? (line 5)",
                one(trainWith("") + "studdy: x\n"));
    }

    @Test
    void unknownTopKeyWithoutSuggestion() {
        assertEquals("colour: unknown key; allowed: study, seed, data, model, train, trajectory,"
                + " similarity, tsne, swa, subspace, ensembles, plane, interpolation, curves, budget, fge, sse,"
                + " spawn, align, distill, barriers, shift (line 5)",
                one(trainWith("") + "colour: blue\n"));
    }

    @Test
    void trainKeyAtTopLevel() {
        assertEquals("lr: unknown key; allowed: study, seed, data, model, train, trajectory,"
                + " similarity, tsne, swa, subspace, ensembles, plane, interpolation, curves, budget, fge, sse,"
                + " spawn, align, distill, barriers, shift; did you mean 'train.lr'? (line 5)",
                one(trainWith("") + "lr: 0.1\n"));
    }

    @Test
    void unknownNestedKeyWithSuggestion() {
        assertEquals("train.epoch: unknown key; allowed: members, epochs, batchSize, optimizer, lr, momentum,"
                + " weightDecay, schedule, swaLr, cycle, minLr, halveEvery, checkpointEvery, checkpointEverySteps; did you mean 'epochs'? (line 5)",
                one(trainWith("epoch: 3")));
    }

    @Test
    void snakeCaseKeySuggestsCamelCase() {
        assertTrue(one(trainWith("weight_decay: 0.001")).endsWith("did you mean 'weightDecay'? (line 5)"));
        assertTrue(one(trainWith("batch_size: 64")).endsWith("did you mean 'batchSize'? (line 5)"));
    }

    @Test
    void unknownDataKey() {
        assertEquals("data.subset: unknown key; allowed: dataset, path, trainSubset, testSubset, augment (line 6)",
                one(trainWith("") + "data:\n  subset: 5\n"));
    }

    @Test
    void duplicateKey() {
        assertEquals("train.epochs: duplicate key (first given on line 4) (line 5)", one(trainWith("epochs: 5")));
    }

    @Test
    void duplicateTopKey() {
        assertEquals("study: duplicate key (first given on line 1) (line 5)", one(trainWith("") + "study: other\n"));
    }

    @Test
    void nonScalarKey() {
        SpecProblem p = only(trainWith("? [a, b]\n: 1"));
        assertEquals("train", p.path());
        assertTrue(p.message().startsWith("keys must be plain names, got a list"), p.message());
    }

    @Test
    void mergeKeyIsNotSupported() {
        assertEquals("train.<<: merge keys (<<) are not supported; write the keys out (line 5)",
                one(trainWith("<<: {lr: 0.1}")));
    }

    @Test
    void customTagsAreRefused() {
        // global tags are refused by the YAML reader itself, before any node is built
        assertEquals("YAML tag !!python/object:os.system is not allowed; a spec holds only plain values"
                + " and maps (line 5)", one(trainWith("lr: !!python/object:os.system [ls]")));
        assertEquals("train.lr: YAML tag !!binary is not allowed; a spec holds only plain values and maps (line 5)",
                one(trainWith("lr: !!binary aGVsbG8=")));
        assertEquals("study: YAML tag !shell is not allowed; a spec holds only plain values and maps (line 1)",
                one("study: !shell rm\ntrain: {members: 1, epochs: 1}\n"));
    }

    // ---- required ------------------------------------------------------------------------------------

    @Test
    void missingStudy() {
        assertEquals("study: required: a name matching ^[a-z0-9][a-z0-9-]{0,62}$, e.g. study: quickstart",
                one("train:\n  members: 5\n  epochs: 4\n"));
    }

    @Test
    void missingTrain() {
        assertEquals("train: required: a map with at least members and epochs, e.g. train: {members: 5, epochs: 4}",
                one("study: a\n"));
    }

    @Test
    void missingMembersAndEpochs() {
        List<SpecProblem> p = problems("study: a\ntrain:\n  lr: 0.1\n");
        assertEquals(List.of(
                new SpecProblem("train.members", "required: the number of ensemble members, between 1 and 64"
                        + " (64 is a sane upper bound for one study)", 2),
                new SpecProblem("train.epochs", "required: the number of epochs per member, between 1 and 1000", 2)),
                p);
    }

    @Test
    void trainNotAMap() {
        assertEquals("train: must be a map with keys members, epochs, batchSize, optimizer, lr, momentum,"
                + " weightDecay, schedule, swaLr, cycle, minLr, halveEvery, checkpointEvery, checkpointEverySteps, got 5 (line 2)",
                one("study: a\ntrain: 5\n"));
    }

    @Test
    void dataNull() {
        assertEquals("data: must be a map with keys dataset, path, trainSubset, testSubset, augment, got null (line 5)",
                one(trainWith("") + "data:\n"));
    }

    // ---- types ---------------------------------------------------------------------------------------

    @Test
    void wordWhereIntegerNeeded() {
        assertEquals("train.epochs: must be an integer, got \"ten\" (line 4)", one(train("members: 5\nepochs: ten")));
    }

    @Test
    void floatWhereIntegerNeeded() {
        assertEquals("train.members: must be an integer, got 2.5 (line 3)", one(train("members: 2.5\nepochs: 4")));
        assertEquals("train.members: must be an integer, got 2.0 (line 3)", one(train("members: 2.0\nepochs: 4")));
        assertEquals("train.members: must be an integer, got 1e3 (line 3)", one(train("members: 1e3\nepochs: 4")));
    }

    @Test
    void integerTooLargeForInt() {
        assertEquals("train.epochs: must be between 1 and 1000, got 99999999999 (line 4)",
                one(train("members: 5\nepochs: 99999999999")));
        assertEquals("data.testSubset: must be between 0 and 10000 (0 means all), got -99999999999999999999999"
                + " (line 6)", one(trainWith("") + "data:\n  testSubset: -99999999999999999999999\n"));
    }

    @Test
    void seedTooLargeForLong() {
        assertEquals("seed: must be an integer between -9223372036854775808 and 9223372036854775807,"
                + " got 9223372036854775808 (line 5)", one(trainWith("") + "seed: 9223372036854775808\n"));
    }

    @Test
    void booleanWhereIntegerNeeded() {
        assertEquals("train.members: must be an integer, got boolean true (line 3)",
                one(train("members: true\nepochs: 4")));
        assertEquals("train.members: must be an integer, got boolean yes (line 3)",
                one(train("members: yes\nepochs: 4")));
    }

    @Test
    void nullWhereIntegerNeeded() {
        assertEquals("train.epochs: must be an integer, got null (line 4)", one(train("members: 5\nepochs:")));
        assertEquals("train.epochs: must be an integer, got null (line 4)", one(train("members: 5\nepochs: ~")));
    }

    @Test
    void listWhereScalarNeeded() {
        assertEquals("train.epochs: must be an integer, got a list (line 4)", one(train("members: 5\nepochs: [4]")));
        assertEquals("study: must be a study name matching ^[a-z0-9][a-z0-9-]{0,62}$, got a list (line 1)",
                one("study: [a, b]\ntrain: {members: 1, epochs: 1}\n"));
        assertEquals("train.optimizer: must be one of sgd, nesterov, adam, got a map (line 5)",
                one(trainWith("optimizer: {name: adam}")));
    }

    @Test
    void quotedNumber() {
        assertEquals("train.epochs: must be an integer, got the string \"4\" (remove the quotes) (line 4)",
                one(train("members: 5\nepochs: \"4\"")));
        assertEquals("train.lr: must be a number, got the string \"0.1\" (remove the quotes) (line 5)",
                one(trainWith("lr: '0.1'")));
    }

    @Test
    void nonDecimalIntegerForms() {
        String msg = "train.epochs: must be a plain decimal integer (no leading zeros, hex, octal, binary or"
                + " sexagesimal forms), got ";
        assertEquals(msg + "0x10 (line 4)", one(train("members: 5\nepochs: 0x10")));
        assertEquals(msg + "010 (line 4)", one(train("members: 5\nepochs: 010")));
        assertEquals(msg + "1:30 (line 4)", one(train("members: 5\nepochs: 1:30")));
    }

    @Test
    void wordWhereNumberNeeded() {
        assertEquals("train.lr: must be a number, got \"fast\" (line 5)", one(trainWith("lr: fast")));
        assertEquals("train.lr: must be a number, got boolean false (line 5)", one(trainWith("lr: false")));
    }

    @Test
    void nonFiniteNumbers() {
        assertEquals("train.lr: must be a finite number, got .inf (line 5)", one(trainWith("lr: .inf")));
        assertEquals("train.lr: must be a finite number, got .nan (line 5)", one(trainWith("lr: .nan")));
        assertEquals("train.lr: must be a finite number, got 1e999 (line 5)", one(trainWith("lr: 1e999")));
    }

    @Test
    void nullStudy() {
        assertEquals("study: must be a study name matching ^[a-z0-9][a-z0-9-]{0,62}$, got null (line 1)",
                one("study:\ntrain: {members: 1, epochs: 1}\n"));
    }
}
