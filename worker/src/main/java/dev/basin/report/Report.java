package dev.basin.report;

import java.util.List;

/**
 * A study's report: its sections' figures, in reading order. Build with {@link #build(ReportContext)}; write with
 * {@code ReportWriter}.
 *
 * @param study the study's name
 * @param parts one per section that has figures
 */
public record Report(String study, List<Part> parts) {

    /** One section's figures. */
    public record Part(String title, List<Figure> figures) {}

    /** Every section's figures for the study of {@code context}. */
    public static Report build(ReportContext context) {
        throw new UnsupportedOperationException("report: not yet");
    }
}
