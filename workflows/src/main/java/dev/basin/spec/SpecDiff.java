package dev.basin.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A readable line diff of two specs' normalised texts ({@link SpecPrinter#print}): each removed line as
 * {@code "- line"}, each added one as {@code "+ line"}, and above them the keys they sit under as {@code "  key:"},
 * so that {@code members: 3} reads as {@code train.members}:
 *
 * <pre>
 *   train:
 * -   members: 2
 * +   members: 3
 * </pre>
 *
 * <p>Lines are matched by a longest common subsequence over what lies between the common first and last lines;
 * where that is longer than {@link #MAX_MATCHED} lines on either side (no spec a person writes), its lines are
 * shown as all removed and all added. At most {@link #MAX_LINES} lines are returned, the last saying how many
 * were left out.
 */
public final class SpecDiff {

    /** The most lines matched line by line; beyond it the lines in between are shown replaced as a whole. */
    static final int MAX_MATCHED = 2000;
    /** The most lines returned, a last line on what was left out included. */
    public static final int MAX_LINES = 60;

    private SpecDiff() {}

    /** The diff from {@code before} to {@code after}; empty when the two texts have the same lines. */
    public static List<String> lines(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int start = 0;
        while (start < a.length && start < b.length && a[start].equals(b[start])) {
            start++;
        }
        int endA = a.length;
        int endB = b.length;
        while (endA > start && endB > start && a[endA - 1].equals(b[endB - 1])) {
            endA--;
            endB--;
        }
        Printer out = new Printer();
        for (int i = 0; i < start; i++) {
            out.kept(a[i]);
        }
        if (endA - start > MAX_MATCHED || endB - start > MAX_MATCHED) {
            for (int i = start; i < endA; i++) {
                out.changed('-', a[i]);
            }
            for (int j = start; j < endB; j++) {
                out.changed('+', b[j]);
            }
        } else {
            walk(a, start, endA, b, start, endB, out);
        }
        return out.result();
    }

    /** Prints the edit script of a[i0, i1) into b[j0, j1) by their longest common subsequence. */
    private static void walk(String[] a, int i0, int i1, String[] b, int j0, int j1, Printer out) {
        int n = i1 - i0;
        int m = j1 - j0;
        // common[i][j]: the longest common subsequence of a's lines from i0 + i and b's from j0 + j
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = a[i0 + i].equals(b[j0 + j]) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[i0 + i].equals(b[j0 + j])) {
                out.kept(a[i0 + i]);
                i++;
                j++;
            } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                out.changed('-', a[i0 + i++]);
            } else {
                out.changed('+', b[j0 + j++]);
            }
        }
    }

    /** Writes changed lines under the unchanged keys that hold them, each such key once. */
    private static final class Printer {
        private final List<String> out = new ArrayList<>();
        /** The lines above the current one with less indentation: its keys, outermost first. */
        private final List<Line> path = new ArrayList<>();
        private int total;

        /** A key line of the path, and whether it has been written already. */
        private static final class Line {
            final String text;
            final int indent;
            boolean printed;

            Line(String text, int indent, boolean printed) {
                this.text = text;
                this.indent = indent;
                this.printed = printed;
            }
        }

        void kept(String text) {
            leave(text);
            enter(text, false);
        }

        void changed(char sign, String text) {
            leave(text);
            for (Line key : path) {
                if (!key.printed) {
                    key.printed = true;
                    add("  " + key.text);
                }
            }
            add(sign + " " + text);
            enter(text, true);
        }

        /** Drops the lines that do not hold {@code text}: those indented as far as it or further. */
        private void leave(String text) {
            int indent = indent(text);
            path.removeIf(l -> l.indent >= indent);
        }

        private void enter(String text, boolean printed) {
            if (!text.isBlank()) {
                path.add(new Line(text, indent(text), printed));
            }
        }

        private void add(String line) {
            total++;
            if (out.size() < MAX_LINES - 1) {
                out.add(line);
            }
        }

        List<String> result() {
            List<String> lines = new ArrayList<>(out);
            if (total > out.size()) {
                int left = total - out.size();
                lines.add("  ... and " + left + " more line" + (left == 1 ? "" : "s"));
            }
            return lines;
        }

        private static int indent(String text) {
            int n = 0;
            while (n < text.length() && text.charAt(n) == ' ') {
                n++;
            }
            return n;
        }
    }
}
