package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpecPrinterTest {

    @Test
    void printsEveryKeyInFixedOrder() {
        assertEquals("""
                study: quickstart
                seed: 0
                data:
                  dataset: fashion-mnist
                  path: null
                  trainSubset: 0
                  testSubset: 0
                model:
                  name: small-cnn
                  width: 1.0
                train:
                  members: 5
                  epochs: 4
                  batchSize: 128
                  optimizer: nesterov
                  lr: 0.05
                  momentum: 0.9
                  weightDecay: 0.0005
                  schedule: cosine
                  checkpointEvery: 1
                  checkpointEverySteps: 0
                """, SpecPrinter.print(SpecParser.parse(SpecParserGoodTest.MINIMAL)));
    }

    @Test
    void momentumIsLeftOutForSgdAndAdam() {
        String text = SpecPrinter.print(SpecParser.parse(SpecTesting.trainWith("optimizer: adam")));
        assertEquals(false, text.contains("momentum"));
        assertEquals(true, text.contains("  lr: 0.001\n"));
    }

    static StudySpec spec(String study, String path, double lr, double wd, String optimizer) {
        double momentum = SpecRules.defaultMomentum(optimizer);
        return new StudySpec(study, 123456789012345L, new DataConfig("mnist", path, 60000, 10000),
                new ModelConfig("medium-cnn"),
                new TrainConfig(64, 1000, 8192, new OptimizerConfig(optimizer, lr, momentum, wd), "constant", 7, 100_000_000));
    }

    @Test
    void roundTrip() {
        List<StudySpec> specs = List.of(
                SpecParser.parse(SpecParserGoodTest.MINIMAL),
                SpecParser.parse(SpecParserGoodTest.FULL),
                spec("null", null, 10, 0, "sgd"),
                spec("true", "null", 1e-7, 0.999999, "adam"),
                spec("0", "C:\\data\\it's \"quoted\" and: #not a comment", 0.1 + 0.2, 1e-300, "nesterov"),
                spec("x", "/data/ünïcödé/😀", Double.MIN_VALUE, 5e-4, "nesterov"),
                spec("a", "- dash", 0.123456789012345678, 0.0, "sgd"),
                spec("b", "...", 3, 0.0, "sgd"),
                spec("c", " leading space", 1e-6, 0.0, "sgd"),
                spec("d", "~", 9.999999999, 0.0, "sgd"));
        for (StudySpec s : specs) {
            assertEquals(List.of(), SpecValidator.problems(s), s.toString());
            String text = SpecPrinter.print(s);
            assertEquals(s, SpecParser.parse(text), text);
            assertEquals(text, SpecPrinter.print(SpecParser.parse(text)), "printing is idempotent");
        }
    }

    @Test
    void roundTripOfManyNumbers() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            double lr = Math.scalb(1.0 + random.nextDouble(), -random.nextInt(40)) * (random.nextBoolean() ? 1 : 0.9);
            if (lr > 10) {
                continue;
            }
            double wd = random.nextDouble();
            StudySpec s = spec("r", null, lr, wd, "nesterov");
            assertEquals(s, SpecParser.parse(SpecPrinter.print(s)));
        }
    }

    @Test
    void numberFormatting() {
        assertEquals("0.05", SpecPrinter.number(0.05));
        assertEquals("1.0", SpecPrinter.number(1));
        assertEquals("10.0", SpecPrinter.number(10));
        assertEquals("0.0005", SpecPrinter.number(5e-4));
        assertEquals("0.000001", SpecPrinter.number(1e-6));
        assertEquals("1.0E-7", SpecPrinter.number(1e-7));
        assertEquals("0.0", SpecPrinter.number(0));
        assertEquals("-0.0", SpecPrinter.number(-0.0));
        assertEquals("0.30000000000000004", SpecPrinter.number(0.1 + 0.2));
    }

    @Test
    void stringQuoting() {
        assertEquals("quickstart", SpecPrinter.string("quickstart"));
        assertEquals("/data/mnist", SpecPrinter.string("/data/mnist"));
        assertEquals("\"null\"", SpecPrinter.string("null"));
        assertEquals("null", SpecPrinter.string(null));
        assertEquals("\"a b\"", SpecPrinter.string("a b"));
        assertEquals("\"say \\\"hi\\\"\\n\"", SpecPrinter.string("say \"hi\"\n"));
    }
}
