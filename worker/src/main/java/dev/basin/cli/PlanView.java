package dev.basin.cli;

import dev.basin.db.QueryResult;
import dev.basin.db.TableFormat;
import dev.basin.plan.PlanDiff;
import dev.basin.plan.PlanDiff.Action;
import dev.basin.plan.PlanDiff.Decision;
import dev.basin.plan.StageCost;
import dev.basin.plan.StageCost.Cost;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code basin plan}'s table: each stage's action, why, and its estimated cost; then the totals. */
final class PlanView {
    private PlanView() {}

    /** @param rates null when there is no calibration: times show as {@code ?} */
    static void print(PrintStream out, PlanDiff diff, Map<String, Cost> costs, StageCost.Rates rates) {
        List<List<String>> rows = new ArrayList<>();
        Cost toRun = Cost.ZERO;
        int running = 0;
        for (Decision d : diff.decisions()) {
            Cost c = costs.get(d.node().name());
            // plain digits, so that the table right-aligns the counts
            rows.add(List.of(d.node().name(), d.action().text(), d.why(), String.valueOf(c.backwardImages()),
                    String.valueOf(c.forwardImages()), bytes(c.s3Bytes()), String.valueOf(c.dbRows()), seconds(rates, c)));
            if (d.action() != Action.REUSE) {
                toRun = toRun.plus(c);
                running++;
            }
        }
        out.print(TableFormat.aligned(new QueryResult(
                List.of("stage", "action", "why", "train img", "infer img", "S3", "rows", "time"), rows)));
        List<String> totals = new ArrayList<>();
        diff.counts().forEach((action, n) -> {
            if (n > 0) {
                totals.add(n + " " + action.text());
            }
        });
        out.println("Stages: " + String.join(", ", totals) + ".");
        if (!diff.dropped().isEmpty()) {
            out.println("No longer planned (their rows go when the study runs): " + PlanDiff.names(diff.dropped()) + ".");
        }
        double total = 0;
        if (rates != null) {
            for (Decision d : diff.decisions()) {
                total += d.action() == Action.REUSE ? 0 : rates.seconds(costs.get(d.node().name()));
            }
        }
        out.printf("Would run %d stage%s (estimate): %s training images, %s inference images, %s to S3, %s rows, %s%s.%n",
                running, running == 1 ? "" : "s", count(toRun.backwardImages()), count(toRun.forwardImages()),
                bytes(toRun.s3Bytes()), count(toRun.dbRows()),
                rates == null ? "time ?" : "~" + duration(total), rates == null ? "" : " of worker time");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long b) {
        return Storage.binary(b, true);
    }

    private static String seconds(StageCost.Rates rates, Cost c) {
        return rates == null ? "?" : duration(rates.seconds(c));
    }

    static String duration(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, s < 10 ? "%.1f s" : "%.0f s", s);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
}
