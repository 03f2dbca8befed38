package dev.basin.cli;

import dev.basin.activities.EnsembleScore;
import dev.basin.activities.MemberScore;
import dev.basin.engine.metrics.Scores;
import dev.basin.db.QueryResult;
import dev.basin.db.TableFormat;
import dev.basin.workflows.StudyResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The end-of-study report: members, ensembles by size, and where every number and tensor lives. */
final class SummaryView {
    private SummaryView() {}

    static void print(PrintStream out, StudyResult r, Services services, double wallSeconds) {
        List<List<String>> members = new ArrayList<>();
        for (MemberScore m : r.members()) {
            members.add(row(String.valueOf(m.member()), m.scores()));
        }
        List<List<String>> ensembles = new ArrayList<>();
        for (EnsembleScore e : r.ensembles()) {
            ensembles.add(row(String.valueOf(e.size()), e.scores()));
        }
        out.printf("%nStudy %s finished in %.0f s (run key %s). Stages: %s.%n%n", r.study(), wallSeconds, r.runKey(),
                StageCounts.of(services.store.stages().stages(r.study())));
        out.println("Members (test set):");
        out.println(TableFormat.aligned(new QueryResult(columns("member"), members)));
        out.println("Deep ensemble of the first n members (test set):");
        out.println(TableFormat.aligned(new QueryResult(columns("size"), ensembles)));
        out.printf("Numbers: PostgreSQL (%s), views member_metrics and ensemble_metrics.%n", services.db.safeUrl());
        out.printf("Tensors: s3://%s/studies/%s/%s/%n", services.bucket(), r.study(), r.runKey());
        out.printf("Query:   ./basin sql \"SELECT * FROM ensemble_metrics WHERE study = '%s' ORDER BY size\"%n", r.study());
    }

    private static List<String> columns(String first) {
        return List.of(first, "accuracy", "nll", "brier", "ece");
    }

    private static List<String> row(String first, Scores s) {
        return List.of(first, String.format("%.4f", s.accuracy()), String.format("%.4f", s.nll()),
                String.format("%.4f", s.brier()), String.format("%.4f", s.ece()));
    }
}
