package dev.basin.report;

/**
 * One figure of a report: drawn, or pending (the stages behind it have not finished), or empty (they
 * finished and left no rows), or failed (its section threw). Every figure names the view it reads and the {@code basin sql} query that
 * reproduces its data, so a reader can check any number drawn.
 *
 * @param id      stable, file-name-safe id ({@code [a-z0-9-]+}); the figure's {@code .svg}/{@code .csv} names
 * @param title   short title, e.g. "Cosine similarity within trajectories"
 * @param caption one or two sentences: what is drawn and which paper figure it mirrors
 * @param view    the SQL view the data comes from
 * @param sql     the exact query that returned {@code data} (runnable with {@code basin sql})
 * @param status  drawn, pending, empty or failed
 * @param svg     the figure as a standalone SVG document; null unless drawn
 * @param data    the rows drawn; null when pending
 */
public record Figure(String id, String title, String caption, String view, String sql, Status status, String svg,
                     Table data) {

    /** Whether the figure could be drawn. */
    public enum Status { DRAWN, PENDING, EMPTY, FAILED;

        /** The status as the page's {@code data-status} attribute writes it. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Figure drawn(String id, String title, String caption, String view, String sql, String svg, Table data) {
        return new Figure(id, title, caption, view, sql, Status.DRAWN, svg, data);
    }

    /** A figure whose stages are still to run; {@code caption} should say which. */
    public static Figure pending(String id, String title, String caption, String view, String sql) {
        return new Figure(id, title, caption, view, sql, Status.PENDING, null, null);
    }

    /** A figure whose stages finished without rows to draw. */
    public static Figure empty(String id, String title, String caption, String view, String sql, Table data) {
        return new Figure(id, title, caption, view, sql, Status.EMPTY, null, data);
    }

    /**
     * A section that could not draw its figures: {@code caption} is the error's one-line description, so the reader
     * sees what went wrong where the figures would have been.
     */
    public static Figure failed(String id, String title, String caption) {
        return new Figure(id, title, caption, "", "", Status.FAILED, null, null);
    }
}
