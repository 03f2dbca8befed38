package dev.basin.cli;

import dev.basin.db.ProgressRow;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows the members' training as it happens, from the progress rows the training activities write.
 * On a terminal: one bar per member, all created up front (the library draws several bars on their
 * own lines only then). Otherwise, or with {@code --quiet}: one plain line per member and epoch.
 */
final class ProgressView implements AutoCloseable {
    private final PrintStream out;
    private final ProgressBar[] bars;
    private static final long PLAIN_INTERVAL_NANOS = 15_000_000_000L;
    private final Map<Integer, String> logged = new HashMap<>();
    private final Map<Integer, Long> loggedAt = new HashMap<>();

    private ProgressView(PrintStream out, ProgressBar[] bars) {
        this.out = out;
        this.bars = bars;
    }

    static ProgressView create(PrintStream out, int members, boolean plain) {
        if (plain || System.console() == null) {
            return new ProgressView(out, null);
        }
        ProgressBar[] bars = new ProgressBar[members];
        for (int m = 0; m < members; m++) {
            bars[m] = new ProgressBarBuilder().setTaskName(String.format("member %d", m)).setInitialMax(1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(500)
                    .setMaxRenderedLength(110).build();
        }
        return new ProgressView(out, bars);
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
        }
    }
}
