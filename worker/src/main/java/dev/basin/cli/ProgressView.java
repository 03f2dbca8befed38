package dev.basin.cli;

import dev.basin.db.ProgressRow;
import dev.basin.db.StageRow;
import dev.basin.db.StageState;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows the members' training as it happens, from the progress rows the training activities write, and the
 * stages, from the stage table: how many are finished and which run now (a curve's training, FGE or SSE can run
 * long after the members are done). On a terminal: one bar per member and one for the stages, all created up
 * front (the library draws several bars on their own lines only then). Otherwise, or with {@code --quiet}: one
 * plain line per member and epoch, and one whenever the running stages change.
 */
final class ProgressView implements AutoCloseable {
    private final PrintStream out;
    private final ProgressBar[] bars;
    private static final long PLAIN_INTERVAL_NANOS = 15_000_000_000L;
    private final Map<Integer, String> logged = new HashMap<>();
    private final Map<Integer, Long> loggedAt = new HashMap<>();
    private final ProgressBar stagesBar;
    private String stagesLogged = "";

    private ProgressView(PrintStream out, ProgressBar[] bars, ProgressBar stagesBar) {
        this.out = out;
        this.bars = bars;
        this.stagesBar = stagesBar;
    }

    static ProgressView create(PrintStream out, int members, boolean plain) {
        if (plain || System.console() == null) {
            return new ProgressView(out, null, null);
        }
        ProgressBar[] bars = new ProgressBar[members];
        for (int m = 0; m < members; m++) {
            bars[m] = bar(String.format("member %d", m));
        }
        return new ProgressView(out, bars, bar("stages  "));
    }

    private static ProgressBar bar(String name) {
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(1)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(500)
                .setMaxRenderedLength(110).build();
    }

    /** The study's stages: finished of planned, and the names of those running now. */
    void stages(List<StageRow> rows) {
        long finished = rows.stream().filter(r -> r.state().finished()).count();
        List<String> running = rows.stream().filter(r -> r.state() == StageState.RUNNING).map(StageRow::stage)
                .sorted().toList();
        String now = running.isEmpty() ? "" : "running " + String.join(", ", running);
        if (stagesBar != null) {
            stagesBar.maxHint(Math.max(1, rows.size()));
            stagesBar.stepTo(finished);
            stagesBar.setExtraMessage(" " + now);
        } else if (!now.equals(stagesLogged) && !now.isEmpty()) {
            out.printf("stages: %d of %d finished; %s%n", finished, rows.size(), now);
        }
        stagesLogged = now;
    }

    void update(List<ProgressRow> rows) {
        for (ProgressRow p : rows) {
            if (p.member() < 0 || (bars != null && p.member() >= bars.length)) {
                continue;
            }
            boolean done = "done".equals(p.state());
            String detail = done ? "done" + resumed(p) : String.format("epoch %d/%d loss %.4f %,.0f img/s%s",
                    Math.min(p.epoch() + 1, p.epochs()), p.epochs(), p.loss(), p.imagesPerSec(), resumed(p));
            if (bars != null) {
                ProgressBar bar = bars[p.member()];
                bar.maxHint(Math.max(1, p.epochs() * p.stepsPerEpoch()));
                bar.stepTo(p.step());
                bar.setExtraMessage(" " + detail);
            } else if (shouldLog(p, done)) {
                out.printf("member %d: %s (step %d)%n", p.member(), detail, p.step());
            }
        }
    }

    /** A one-off remark (a paused view, say): beside the bars on a terminal, as a line otherwise. */
    void note(String text) {
        if (bars != null) {
            for (ProgressBar bar : bars) {
                bar.setExtraMessage(" (" + text + ")");
            }
        } else {
            out.println(text);
        }
    }

    /** Plain output: a line when a member starts an epoch or finishes, else at most one per 15 s. */
    private boolean shouldLog(ProgressRow p, boolean done) {
        String phase = done ? "done" : "epoch " + p.epoch();
        long now = System.nanoTime();
        boolean newPhase = !phase.equals(logged.get(p.member()));
        if (newPhase || (!done && now - loggedAt.getOrDefault(p.member(), now) >= PLAIN_INTERVAL_NANOS)) {
            logged.put(p.member(), phase);
            loggedAt.put(p.member(), now);
            return true;
        }
        return false;
    }

    private static String resumed(ProgressRow p) {
        return p.resumedFromEpoch() != null && p.resumedFromEpoch() > 0 ? ", resumed at epoch " + p.resumedFromEpoch() : "";
    }

    @Override
    public void close() {
        if (bars != null) {
            for (ProgressBar bar : bars) {
                bar.close();
            }
            stagesBar.close();
        }
    }
}
