package dev.basin.report.plot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins contour segments that share end points into polylines: a smaller path, and line joins drawn as joins
 * rather than as overlapping caps. Neighbouring cells compute shared edge points identically, so exact equality
 * of coordinates finds them.
 */
final class Polylines {
    private Polylines() {}

    /** @param segments each {x1, y1, x2, y2}; returns polylines, each {x0, y0, x1, y1, ...} */
    static List<double[]> join(List<double[]> segments) {
        Map<String, List<Integer>> at = new HashMap<>();
        for (int s = 0; s < segments.size(); s++) {
            double[] g = segments.get(s);
            at.computeIfAbsent(key(g[0], g[1]), k -> new ArrayList<>()).add(s);
            at.computeIfAbsent(key(g[2], g[3]), k -> new ArrayList<>()).add(s);
        }
        boolean[] used = new boolean[segments.size()];
        List<double[]> out = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            if (used[s]) continue;
            used[s] = true;
            double[] g = segments.get(s);
            Deque<double[]> pts = new ArrayDeque<>();
            pts.add(new double[] {g[0], g[1]});
            pts.add(new double[] {g[2], g[3]});
            extend(pts, false, segments, at, used);
            extend(pts, true, segments, at, used);
            double[] flat = new double[pts.size() * 2];
            int i = 0;
            for (double[] p : pts) { flat[i++] = p[0]; flat[i++] = p[1]; }
            out.add(flat);
        }
        return out;
    }

    /** Grow the polyline at its tail (or head) while an unused segment continues it. */
    private static void extend(Deque<double[]> pts, boolean head, List<double[]> segments,
                               Map<String, List<Integer>> at, boolean[] used) {
        while (true) {
            double[] end = head ? pts.peekFirst() : pts.peekLast();
            Integer next = null;
            for (int s : at.getOrDefault(key(end[0], end[1]), List.of())) if (!used[s]) { next = s; break; }
            if (next == null) return;
            used[next] = true;
            double[] g = segments.get(next);
            double[] other = g[0] == end[0] && g[1] == end[1] ? new double[] {g[2], g[3]} : new double[] {g[0], g[1]};
            if (head) pts.addFirst(other);
            else pts.addLast(other);
        }
    }

    private static String key(double x, double y) { return Double.doubleToLongBits(x) + ":" + Double.doubleToLongBits(y); }
}
