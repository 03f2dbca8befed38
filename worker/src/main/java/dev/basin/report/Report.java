package dev.basin.report;

import dev.basin.report.sections.Sections;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A study's report: its sections' figures, in reading order. Build with {@link #build(ReportContext)}; write with
 * {@code ReportWriter}.
 *
 * @param study the study's name
 * @param parts one per section that has figures
 */
public record Report(String study, List<Part> parts) {

    public Report {
        parts = List.copyOf(parts);
    }

    /** One section's figures. */
    public record Part(String title, List<Figure> figures) {
        public Part {
            figures = List.copyOf(figures);
        }
    }

    /** Every section's figures for the study of {@code context}. */
    public static Report build(ReportContext context) {
        return build(context, Sections.all());
    }

    /**
     * The figures of {@code sections}, in order. A section that throws becomes one {@link Figure.Status#FAILED}
     * figure whose caption is the error, so that one broken view or query cannot sink the whole report; a section
     * with no figures (the study did not ask for them) is left out.
     */
    public static Report build(ReportContext context, List<Section> sections) {
        List<Part> parts = new ArrayList<>();
        for (Section section : sections) {
            List<Figure> figures;
            try {
                figures = section.figures(context);
            } catch (RuntimeException | StackOverflowError e) {
                figures = List.of(Figure.failed(failedId(section.title()), section.title(), describe(e)));
            }
            if (!figures.isEmpty()) {
                parts.add(new Part(section.title(), figures));
            }
        }
        return new Report(context.study(), parts);
    }

    /** Every figure of every part, in reading order. */
    public List<Figure> figures() {
        return parts.stream().flatMap(p -> p.figures().stream()).toList();
    }

    /** The id of a failed section's figure: {@code section-} and its title in lower case, words joined by '-'. */
    static String failedId(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return "section-" + (slug.isEmpty() ? "untitled" : slug);
    }

    /** The error in one line: its first line of message (or its type when it has none). */
    static String describe(Throwable e) {
        String message = e.getMessage();
        String line = message == null || message.isBlank() ? "" : message.strip().lines().findFirst().orElse("");
        return "This section failed: " + (line.isEmpty() ? e.getClass().getSimpleName() : line);
    }
}
