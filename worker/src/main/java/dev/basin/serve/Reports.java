package dev.basin.serve;

import dev.basin.report.Figure;
import dev.basin.report.Report;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The studies' reports, built again only when a study's stage states change: figures only change when a stage
 * finishes, and a page, its figure downloads and its table downloads then all see the same build.
 */
final class Reports {
    /** A built report, or why there is none (the message is shown on the page in its place). */
    record Outcome(Report report, String problem) {
        Optional<Figure> figure(String id) {
            if (report == null) {
                return Optional.empty();
            }
            return report.parts().stream().flatMap(p -> p.figures().stream()).filter(f -> f.id().equals(id)).findFirst();
        }
    }

    private record Cached(String key, Outcome outcome) {}

    private final ReportSource source;
    private final Map<String, Cached> cache = new HashMap<>();

    Reports(ReportSource source) {
        this.source = source;
    }

    /** The report of {@code study} for these stage states, from the cache when they have not changed. */
    synchronized Outcome of(String study, List<StageView> stages) {
        String key = stages.stream().map(s -> s.stage() + "=" + s.state()).collect(Collectors.joining("\n"));
        Cached hit = cache.get(study);
        if (hit != null && hit.key().equals(key)) {
            return hit.outcome();
        }
        Outcome outcome;
        try {
            outcome = new Outcome(source.build(study), null);
        } catch (RuntimeException | StackOverflowError e) {
            // A report that cannot be built must not take the stage graph and the progress down with it (basin run
            // catches the same two for its report).
            outcome = new Outcome(null, "the report cannot be built yet: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        cache.put(study, new Cached(key, outcome));
        return outcome;
    }
}
