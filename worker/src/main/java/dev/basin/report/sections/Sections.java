package dev.basin.report.sections;

import dev.basin.report.Section;
import java.util.List;

/** Every section of a report, in reading order: training first, then the analyses in the order a study runs them. */
public final class Sections {
    private Sections() {}

    public static List<Section> all() {
        return List.of(
                new TrainingSection(), new SimilaritySection(), new TsneSection(), new ReliabilitySection(),
                new ShiftSection(),
                new PlaneSection(), new DiversitySection(), new EnsembleSizeSection(), new SwaSection(),
                new InterpolationSection(), new CurvesSection(), new BudgetSection(), new SingleBasinSection()
        );
    }
}
