package dev.basin.report;

import java.util.List;

/**
 * One family of figures (training, trajectories, t-SNE, plane, ...). A section draws the figures its spec keys
 * ask for and nothing when the study did not ask for them; it never fails a report because a stage is not done:
 * such figures come back {@link Figure.Status#PENDING}.
 */
public interface Section {

    /** Heading in the report, e.g. "Loss plane". */
    String title();

    /** The figures for the study of {@code context}, in reading order; empty when the study asked for none. */
    List<Figure> figures(ReportContext context);
}
