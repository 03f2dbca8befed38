package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.report.HandContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionFiguresTest {

    @Test
    void waitsNameEachStageWithItsStateAndCountTheRest() {
        HandContext c = Specs.with("");
        for (int row = 0; row < 7; row++) {
            c.stage("plane/0/row-0" + row, row == 1 ? "failed" : row < 3 ? "done" : "pending");
        }
        c.stage("plane/10", "running");
        List<String> waiting = SectionFigures.waitingFor(c, s -> SectionFigures.under(s, "plane/0"), "plane/0");
        assertEquals(List.of("plane/0/row-01 (failed)", "plane/0/row-03 (pending)", "plane/0/row-04 (pending)",
                "plane/0/row-05 (pending)", "plane/0/row-06 (pending)"), waiting, "plane/10 is another plane");
        assertEquals("Waits for stages plane/0/row-01 (failed), plane/0/row-03 (pending), plane/0/row-04 (pending), "
                + "plane/0/row-05 (pending) (and 1 more).", SectionFigures.waits(waiting));
    }

    @Test
    void aStudyNotYetPlannedWaitsForTheWholeAnalysis() {
        List<String> waiting = SectionFigures.waitingFor(Specs.with(""), s -> s.startsWith("budget"), "budget");
        assertEquals("Waits for stage budget (not planned yet).", SectionFigures.waits(waiting));
    }

    @Test
    void doneAndReusedWaitForNothing() {
        HandContext c = Specs.with("").stage("fge", "done").stage("sse", "reused");
        assertEquals(List.of(), SectionFigures.waitingFor(c, s -> s.equals("fge") || s.equals("sse"), "budget"));
    }
}
