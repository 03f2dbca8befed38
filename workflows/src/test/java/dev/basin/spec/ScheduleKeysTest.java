package dev.basin.spec;

import static dev.basin.spec.SpecTesting.one;
import static dev.basin.spec.SpecTesting.trainWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.ScheduleConfig;
import org.junit.jupiter.api.Test;

/** train.schedule's parameters: swaLr (and B from swa.start), cycle, minLr, halveEvery. */
class ScheduleKeysTest {

    private static StudySpec parse(String yaml) {
        return SpecParser.parse(yaml);
    }

    @Test
    void swaTakesBFromSwaStart() {
        StudySpec s = parse(trainWith("lr: 0.05\nschedule: swa\nswaLr: 0.01") + "swa: {start: 3}\n");
        assertEquals(new ScheduleConfig(0.01, 3, 0, 0, 0), s.train().scheduleParams());
        StudySpec noSwa = parse(trainWith("lr: 0.05\nschedule: swa\nswaLr: 0.01"));
        assertEquals(new ScheduleConfig(0.01, 0, 0, 0, 0), noSwa.train().scheduleParams(), "B = train.epochs");
        String printed = SpecPrinter.print(s);
        assertTrue(printed.contains("  swaLr: 0.01\n"), printed);
        assertTrue(!printed.contains("halveEvery") && !printed.contains("cycle"), printed);
        assertEquals(s, parse(printed), "the printed spec reads back the same");
    }

    @Test
    void theExamplesUseTheirPapersSchedules() throws java.io.IOException {
        StudySpec landscape = parse(java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples",
                "landscape.yaml")));
        assertEquals("swa", landscape.train().schedule());
        assertEquals(new ScheduleConfig(0.01, 4, 0, 0, 0), landscape.train().scheduleParams());
        StudySpec fort = parse(java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples",
                "fort2019.yaml")));
        assertEquals("halve-every", fort.train().schedule());
        assertEquals(new ScheduleConfig(0, 0, 0, 0, 10), fort.train().scheduleParams());
    }

    @Test
    void theRunKeyHoldsSwaLrAndB() {
        String base = trainWith("lr: 0.05\nschedule: swa\nswaLr: 0.01");
        String k = SpecHash.runKey(parse(base + "swa: {start: 3}\n"), "e");
        assertEquals(k, SpecHash.runKey(parse(base + "swa: {start: 3, rank: 2}\n"), "e"), "rank is not training");
        assertNotEquals(k, SpecHash.runKey(parse(base + "swa: {start: 2}\n"), "e"), "B changes the weights");
        assertNotEquals(k, SpecHash.runKey(parse(base.replace("0.01", "0.02") + "swa: {start: 3}\n"), "e"));
        assertEquals(SpecHash.runKey(parse(base), "e"), SpecHash.runKey(parse(base + "swa: {start: 4}\n"), "e"),
                "no swa key means B = epochs = 4, as swa.start 4 does");
        assertEquals(SpecHash.runKey(parse(trainWith("schedule: cosine")), "e"),
                SpecHash.runKey(parse(trainWith("")), "e"), "old schedules keep their keys");
    }

    @Test
    void cyclicAndHalveEvery() {
        StudySpec c = parse(trainWith("lr: 0.05\nschedule: cyclic\ncycle: 2"));
        assertEquals(new ScheduleConfig(0, 0, 2, 0.0005, 0), c.train().scheduleParams(), "minLr defaults to lr/100");
        assertTrue(SpecPrinter.print(c).contains("  cycle: 2\n  minLr: 0.0005\n"), SpecPrinter.print(c));
        StudySpec h = parse(trainWith("optimizer: adam\nlr: 1.6e-3\nschedule: halve-every\nhalveEvery: 10"));
        assertEquals(new ScheduleConfig(0, 0, 0, 0, 10), h.train().scheduleParams());
        assertEquals(h, parse(SpecPrinter.print(h)));
        assertNotEquals(SpecHash.runKey(h, "e"), SpecHash.runKey(parse(trainWith(
                "optimizer: adam\nlr: 1.6e-3\nschedule: halve-every\nhalveEvery: 2")), "e"));
    }

    @Test
    void aSpecBuiltByHandIsCheckedAlike() {
        StudySpec s = parse(trainWith("lr: 0.05\nschedule: swa\nswaLr: 0.01") + "swa: {start: 3}\n");
        StudySpec cosine = new StudySpec(s.study(), s.seed(), s.data(), s.model(),
                s.train().withScheduleParams(new ScheduleConfig(0.01, 0, 0, 0, 0)).withSchedule("cosine"),
                s.analyses());
        assertEquals("[train.swaLr: only with train.schedule swa (the schedule is cosine); leave it out]",
                SpecValidator.problems(cosine).toString());
        StudySpec stale = new StudySpec(s.study(), s.seed(), s.data(), s.model(),
                s.train().withScheduleParams(new ScheduleConfig(0.01, 6, 0, 0, 0)), s.analyses());
        assertEquals(3, stale.train().scheduleParams().swaStart(), "B always follows swa.start");
        StudySpec high = new StudySpec(s.study(), s.seed(), s.data(), s.model(),
                s.train().withScheduleParams(new ScheduleConfig(0.5, 0, 0, 0, 0)), s.analyses());
        assertEquals("[train.swaLr: must be at most train.lr (0.05): swa's rate falls from lr to swaLr, got 0.5]",
                SpecValidator.problems(high).toString());
    }

    @Test
    void badValuesNameTheKey() {
        assertEquals("train.swaLr: required with train.schedule swa: the rate of the averaging phase, > 0 and at most"
                + " train.lr, e.g. swaLr: 0.01 (line 3)", one(trainWith("schedule: swa")));
        assertEquals("train.swaLr: must be at most train.lr (0.05): swa's rate falls from lr to swaLr, got 0.1"
                + " (line 7)", one(trainWith("lr: 0.05\nschedule: swa\nswaLr: 0.1")));
        assertEquals("train.swaLr: must be > 0, got 0 (line 6)", one(trainWith("schedule: swa\nswaLr: 0")));
        assertEquals("train.swaLr: only with train.schedule swa (the schedule is cosine); leave swaLr out"
                + " (line 5)", one(trainWith("swaLr: 0.01")));
        assertEquals("train.cycle: required with train.schedule cyclic: epochs per cycle, an even number >= 2, e.g."
                + " cycle: 4 (line 3)", one(trainWith("schedule: cyclic")));
        assertEquals("train.cycle: must be an even number of epochs (the rate reaches minLr at mid-cycle, an epoch"
                + " end), got 3 (line 6)", one(trainWith("schedule: cyclic\ncycle: 3")));
        assertEquals("train.minLr: must be at most train.lr (0.05), got 0.1 (line 8)",
                one(trainWith("lr: 0.05\nschedule: cyclic\ncycle: 2\nminLr: 0.1")));
        assertEquals("train.minLr: only with train.schedule cyclic (the schedule is step); leave minLr out"
                + " (line 6)", one(trainWith("schedule: step\nminLr: 0.1")));
        assertEquals("train.halveEvery: required with train.schedule halve-every: epochs between halvings, >= 1,"
                + " e.g. halveEvery: 10 (line 3)", one(trainWith("schedule: halve-every")));
        assertEquals("train.halveEvery: must be between 1 and 1000, got 0 (line 6)",
                one(trainWith("schedule: halve-every\nhalveEvery: 0")));
        assertEquals("train.halveEvery: only with train.schedule halve-every (the schedule is swa); leave"
                + " halveEvery out (line 7)", one(trainWith("schedule: swa\nswaLr: 0.01\nhalveEvery: 10")));
    }
}
