package dev.basin.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.basin.db.QueryResult;
import dev.basin.db.StudyRow;
import dev.basin.db.TableFormat;
import dev.basin.report.Figure;
import dev.basin.report.ReportHtml;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every path the dashboard answers:
 * <ul>
 *   <li>{@code /}: the studies;</li>
 *   <li>{@code /study/NAME}: stage graph, members' progress, figures; {@code /study/NAME/events}: its event stream;
 *       {@code /study/NAME/figures} and {@code /study/NAME/predictions}: the figures and the list of stored
 *       predictions alone (the page reloads both when a stage finishes);
 *       {@code /study/NAME/report}: the whole report;</li>
 *   <li>{@code /study/NAME/figure/ID.svg}, {@code /study/NAME/table/ID.csv} (also {@code /study/NAME/ID.svg} and
 *       {@code ID.csv}, where the report page's relative links lead), {@code /study/NAME/predictions/MODEL_ID.npy}
 *       ({@code ?split=train} for the training split).</li>
 * </ul>
 * Anything unknown is a 404 with one line saying what was not found.
 */
final class Routes implements HttpHandler {
    private static final Pattern FILE = Pattern.compile("([a-z0-9][a-z0-9-]*)\\.(svg|csv)");
    private static final Pattern NPY = Pattern.compile("([0-9]{1,18})\\.npy");

    private final Guard guard;
    private final DashboardData data;
    private final Reports reports;
    private final EventStream events;

    Routes(Guard guard, DashboardData data, Reports reports, EventStream events) {
        this.guard = guard;
        this.data = data;
        this.reports = reports;
        this.events = events;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!guard.allows(exchange)) {
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                Responses.text(exchange, 405, "only GET is served here");
                return;
            }
            List<String> path;
            try {
                path = segments(exchange.getRequestURI().getRawPath());
            } catch (IllegalArgumentException e) {
                Responses.text(exchange, 400, "bad path: " + e.getMessage());
                return;
            }
            route(exchange, path);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            // One line, no stack trace: the page's reader learns what failed, the server goes on.
            try {
                Responses.text(exchange, 500, "cannot answer: " + e.getMessage());
            } catch (IOException | RuntimeException ignored) {
                // the headers were already sent: the connection just ends
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, List<String> path) throws IOException {
        if (path.isEmpty()) {
            Responses.html(exchange, Pages.index(data.studies()));
            return;
        }
        if (path.equals(List.of("favicon.ico"))) {
            // Pages that name no icon (the report's) make the browser ask: no icon, and no error in its console.
            Responses.common(exchange);
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        if (!path.get(0).equals("study") || path.size() < 2 || path.size() > 4) {
            Responses.text(exchange, 404, "not found: " + exchange.getRequestURI().getRawPath());
            return;
        }
        String name = path.get(1);
        Optional<StudyRow> study = data.study(name);
        if (study.isEmpty()) {
            Responses.text(exchange, 404, "no study named '" + name + "'");
            return;
        }
        if (path.size() == 2) {
            List<StageView> stages = data.stages(name);
            Responses.html(exchange, Pages.study(study.get(), stages, data.progress(name),
                    Figures.html(name, reports.of(name, stages)), data.storedPredictions(name)));
            return;
        }
        String what = path.get(2);
        if (path.size() == 3) {
            switch (what) {
                case "events" -> events.serve(exchange, name);
                case "figures" -> Responses.html(exchange, Figures.html(name, reports.of(name, data.stages(name))));
                case "report" -> report(exchange, name);
                case "predictions" -> Responses.html(exchange, Pages.predictions(name, data.storedPredictions(name)));
                default -> file(exchange, name, what);
            }
            return;
        }
        String file = path.get(3);
        switch (what) {
            case "figure", "table" -> file(exchange, name, file);
            case "predictions" -> predictions(exchange, name, file);
            default -> Responses.text(exchange, 404, "not found: " + exchange.getRequestURI().getRawPath());
        }
    }

    /**
     * The whole report page, as {@code basin report} writes it (its relative {@code ID.svg} and {@code ID.csv} links
     * resolve to this study's downloads); while the report cannot be built, the reason.
     */
    private void report(HttpExchange exchange, String study) throws IOException {
        Reports.Outcome outcome = reports.of(study, data.stages(study));
        if (outcome.report() == null) {
            Responses.html(exchange, Pages.report(study, Figures.html(study, outcome)));
            return;
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Responses.html(exchange, ReportHtml.page(List.of(outcome.report()), now));
    }

    /** {@code ID.svg}: the drawn figure; {@code ID.csv}: the rows it draws. */
    private void file(HttpExchange exchange, String study, String file) throws IOException {
        Matcher m = FILE.matcher(file);
        if (!m.matches()) {
            Responses.text(exchange, 404, "not found: " + file);
            return;
        }
        String id = m.group(1);
        Optional<Figure> figure = reports.of(study, data.stages(study)).figure(id);
        if (figure.isEmpty()) {
            Responses.text(exchange, 404, "no figure '" + id + "' in the report of study '" + study + "'");
            return;
        }
        Figure f = figure.get();
        if (m.group(2).equals("svg")) {
            if (f.svg() == null) {
                Responses.text(exchange, 404, "figure '" + id + "' is " + f.status().text() + ", not drawn");
                return;
            }
            Responses.download(exchange, "image/svg+xml; charset=utf-8", f.svg().getBytes(StandardCharsets.UTF_8),
                    id + ".svg");
        } else {
            if (f.data() == null) {
                Responses.text(exchange, 404, "figure '" + id + "' has no data yet");
                return;
            }
            String csv = TableFormat.csv(new QueryResult(f.data().columns(), f.data().rows()));
            Responses.download(exchange, "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8), id + ".csv");
        }
    }

    /** The stored {@code .npy} of a model's predictions, byte for byte. */
    private void predictions(HttpExchange exchange, String study, String file) throws IOException {
        Matcher m = NPY.matcher(file);
        String split = param(exchange.getRequestURI().getRawQuery(), "split").orElse("test");
        if (!m.matches() || !(split.equals("test") || split.equals("train"))) {
            Responses.text(exchange, 404, "not found: " + file + " (expected MODEL_ID.npy)");
            return;
        }
        long model = Long.parseLong(m.group(1));
        Optional<byte[]> npy = data.predictions(study, model, split);
        if (npy.isEmpty()) {
            Responses.text(exchange, 404, "no " + split + " predictions of model " + model + " in study '" + study + "'");
            return;
        }
        Responses.download(exchange, "application/octet-stream", npy.get(),
                safe(study) + "-model-" + model + "-" + split + ".npy");
    }

    /** A query parameter's raw value. */
    static Optional<String> param(String rawQuery, String name) {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return Optional.of(pair.substring(name.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    /** The path's segments, percent-decoded; {@code /} and {@code ""} give none. */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                // '+' is a plus in a path, not a space: keep it through URLDecoder.
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** A study name as part of a download's file name: ASCII letters, digits, '.', '_' and '-' only. */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
