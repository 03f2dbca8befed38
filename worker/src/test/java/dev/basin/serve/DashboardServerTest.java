package dev.basin.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.S3Config;
import dev.basin.browser.Chromium;
import dev.basin.browser.Page;
import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.PlannedStageRow;
import dev.basin.db.PredictionRow;
import dev.basin.db.ProgressRow;
import dev.basin.db.QueryResult;
import dev.basin.db.StageState;
import dev.basin.db.StudyRow;
import dev.basin.db.StudyStore;
import dev.basin.db.TableFormat;
import dev.basin.infra.Credentials;
import dev.basin.infra.EmbeddedStack;
import dev.basin.infra.LocalPostgres;
import dev.basin.infra.Endpoints;
import dev.basin.report.Figure;
import dev.basin.report.Report;
import dev.basin.report.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The dashboard over a real embedded stack (PostgreSQL, S3, Temporal), queried over HTTP as a browser would. The
 * study's rows are written through the stores, as workers write them, so that every expected value is known; the
 * report comes from a hand-made {@link ReportSource} (the report's own tests check its figures).
 */
class DashboardServerTest {
    private static final String STUDY = "tiny";
    private static final String OTHER = "other";
    /** A study with a real spec, whose report the real {@link ReportSource} builds. */
    private static final String REAL = "real";
    /** A stage name no one would choose, to see that names are escaped. */
    private static final String HOSTILE = "evaluate/<b>&\"x'";
    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" data-kind=\"plot\">"
            + "<title>Training loss</title><g class=\"series\" data-series=\"member 0\"></g></svg>";
    private static final Table TABLE = new Table("training-loss", List.of("member", "epoch", "loss"),
            List.of(List.of("0", "1", "0.5"), java.util.Arrays.asList("1", "1", null)));

    private static Path dir;
    private static EmbeddedStack stack;
    private static Endpoints endpoints;
    private static StudyStore store;
    private static ArtifactStore artifacts;
    private static DashboardServer server;
    private static HttpClient http;
    private static long model;
    private static long otherModel;
    /** A model of an earlier run of {@link #STUDY}: downloadable by id, not listed. */
    private static long oldRunModel;
    private static byte[] npy;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("basin-serve-");
        stack = EmbeddedStack.start(dir.resolve("stack"));
        endpoints = stack.endpoints();
        store = new StudyStore(new Database(new DbConfig(endpoints.dbUrl(), endpoints.dbUser(), endpoints.dbPassword())));
        artifacts = new ArtifactStore(new S3Config(endpoints.s3Endpoint(), endpoints.s3Region(), endpoints.bucket()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(endpoints.s3AccessKey(), endpoints.s3SecretKey())));
        for (String study : List.of(STUDY, OTHER)) {
            store.upsertStudy(StudyRow.running(study, "study: " + study, "0".repeat(64), 1, "test", 1, "run-1"));
        }
        store.upsertStudy(StudyRow.running(REAL, """
                study: real
                seed: 3
                data: {dataset: fashion-mnist, path: /nonexistent}
                model: small-cnn
                train: {members: 2, epochs: 1, batchSize: 64, lr: 0.05}
                """, "1".repeat(64), 3, "test", 1, "run-1"));
        store.stages().plan(STUDY, List.of(
                PlannedStageRow.of("train/member-000", 0, "k0", "train", "member 0", List.of(), Map.of()),
                PlannedStageRow.of("train/member-001", 1, "k1", "train", "member 1", List.of(), Map.of()),
                PlannedStageRow.of("evaluate/member-000", 2, "k2", "evaluate", "member 0", List.of("train/member-000"), Map.of()),
                PlannedStageRow.of(HOSTILE, 3, "k3", "evaluate", "hostile", List.of("evaluate/member-000"), Map.of())));
        store.stages().mark(STUDY, "train/member-000", "k0", StageState.DONE, 1);
        store.stages().mark(STUDY, "train/member-001", "k1", StageState.RUNNING, 1);
        store.progress().upsert(ProgressRow.of(STUDY, 0, 2, 2, 20, 10, 0.25, 900, "done", null));
        store.progress().upsert(ProgressRow.of(STUDY, 1, 0, 2, 3, 10, 2.0, 850, "training", null));

        npy = new byte[1000];
        new Random(5).nextBytes(npy);
        model = predictions(STUDY, npy);
        otherModel = predictions(OTHER, new byte[] {1, 2, 3});
        oldRunModel = predictions(STUDY, new byte[] {4, 5}, "run-0");

        Database reader = new Database(new DbConfig(endpoints.dbUrl(), LocalPostgres.READER,
                Credentials.loadOrCreate(dir.resolve("stack")).readerPassword()));
        ReportSource real = ReportSource.of(reader, store.database(), artifacts, null);
        ReportSource reports = study -> {
            if (study.equals(REAL)) {
                return real.build(study);
            }
            if (!study.equals(STUDY)) {
                throw new UnsupportedOperationException("report: not yet");
            }
            return new Report(study, List.of(new Report.Part("Training", List.of(
                    Figure.drawn("training-loss", "Training loss", "Loss per epoch.", "training_curve",
                            "select member, epoch, loss from training_curve", SVG, TABLE),
                    Figure.pending("budget", "Budget", "Waits for the curves.", "budget", "select * from budget")))));
        };
        server = DashboardServer.start(0, store, artifacts, reports, Duration.ofMillis(100), Token.random());
        http = HttpClient.newHttpClient();
    }

    private static long predictions(String study, byte[] bytes) {
        return predictions(study, bytes, "run-1");
    }

    private static long predictions(String study, byte[] bytes, String run) {
        String key = "studies/" + study + "/" + run + "/predictions-" + bytes.length + ".npy";
        ArtifactRef ref = artifacts.put(key, bytes);
        long id = store.recordModel(ModelRow.of(study, run, ModelKind.FINAL, 0, 2, 20, key, ref.sha256(), bytes.length,
                ArtifactStore.sha256(bytes)));
        store.predictions().record(new PredictionRow(id, "test", key, ref.sha256(), bytes.length, 10, 10));
        return id;
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (artifacts != null) {
            artifacts.close();
        }
        if (stack != null) {
            stack.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** With the token as a cookie, as the browser sends it after the first page. */
    private static HttpResponse<byte[]> bytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Cookie", cookie())
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String cookie() {
        return Token.cookie(server.port()) + "=" + server.token().value();
    }

    private static String withToken(String path) {
        return path + (path.contains("?") ? "&" : "?") + "token=" + server.token().value();
    }

    @Test
    void withoutTheTokenNothingIsServed() throws Exception {
        for (String path : List.of("/", "/study/" + STUDY, "/study/" + STUDY + "/events",
                "/study/" + STUDY + "/predictions/" + model + ".npy", "/study/nope")) {
            HttpResponse<String> r = get(path);
            assertEquals(403, r.statusCode(), path);
            assertFalse(r.body().contains(STUDY), path + " must say nothing about the studies: " + r.body());
            assertEquals(null, r.headers().firstValue("Set-Cookie").orElse(null), path);
        }
        String wrong = server.token().value().substring(1) + "A";
        assertEquals(403, get("/?token=" + wrong).statusCode());
        assertEquals(403, get("/", "Cookie", Token.cookie(server.port()) + "=" + wrong).statusCode());
    }

    @Test
    void theTokenOpensThePageAndSetsAStrictCookie() throws Exception {
        HttpResponse<String> r = get(withToken("/"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(set.startsWith(cookie() + ";"), set);
        assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict"), set);
        for (String study : List.of(STUDY, OTHER)) {
            assertTrue(r.body().contains("data-study=\"" + study + "\""), "the studies page lists " + study);
            assertTrue(r.body().contains("href=\"/study/" + study + "\""), "and links to it");
        }
        assertTrue(r.body().contains("data-done=\"1\" data-total=\"4\""), "1 of 4 stages done: " + r.body());
        HttpResponse<String> byCookie = get("/study/" + STUDY, "Cookie", cookie());
        assertEquals(200, byCookie.statusCode());
        assertTrue(byCookie.headers().firstValue("Set-Cookie").isEmpty(), "the cookie is set once");
    }

    @Test
    void aForeignHostIsRefused() throws Exception {
        assertEquals(403, rawStatus("evil.example:" + server.port()));
        assertEquals(403, rawStatus("127.0.0.1:" + (server.port() + 1)));
        assertEquals(200, rawStatus("localhost:" + server.port()));
        assertEquals(200, rawStatus("127.0.0.1:" + server.port()));
    }

    /** The status of {@code GET /?token=...} with this Host header (HttpClient will not send another's). */
    private static int rawStatus(String host) throws IOException {
        return rawStatus(host, withToken("/"));
    }

    private static int rawStatus(String host, String pathAndQuery) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void theStudyPageShowsEveryStageWithItsStateAndEscapesNames() throws Exception {
        HttpResponse<String> r = get("/study/" + STUDY, "Cookie", cookie());
        assertEquals(200, r.statusCode());
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<tr class=\"stage\" data-stage=\"([^\"]*)\" data-state=\"([^\"]*)\"").matcher(r.body());
        while (m.find()) {
            shown.put(unescape(m.group(1)), m.group(2));
        }
        assertEquals(stageTable(STUDY), shown);
        assertEquals("pending", shown.get(HOSTILE));
        assertTrue(r.body().contains("evaluate/&lt;b&gt;&amp;&quot;x&#39;"), "the hostile name, escaped");
        assertFalse(r.body().contains("<b>"), "never as markup");
        assertTrue(r.body().contains("<tr class=\"member\" data-member=\"1\" data-state=\"training\" data-epoch=\"0\""
                + " data-epochs=\"2\" data-step=\"3\""), r.body());
        assertTrue(r.body().contains("<progress max=\"20\" value=\"3\">"), "member 1: step 3 of 2 x 10");
        assertTrue(r.body().contains("data-figure=\"training-loss\" data-study=\"tiny\" data-status=\"drawn\""),
                "the figures are embedded");
        assertTrue(r.body().contains("data-figure=\"budget\" data-study=\"tiny\" data-status=\"pending\""));
        assertTrue(r.body().contains("href=\"/study/tiny/figure/training-loss.svg\""), "downloads from the page");
        assertTrue(r.body().contains("<title>Training loss</title>"), "the SVG is inline");
        HttpResponse<String> other = get("/study/" + OTHER, "Cookie", cookie());
        assertEquals(200, other.statusCode());
        assertTrue(other.body().contains("the report cannot be built yet: report: not yet"), other.body());
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** The stage table as {@code basin sql} would show it: stage name to state. */
    private static Map<String, String> stageTable(String study) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(endpoints.dbUrl(), endpoints.dbUser(), endpoints.dbPassword());
             PreparedStatement ps = c.prepareStatement("select stage, state from stage where study = ? order by position")) {
            ps.setString(1, study);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    @Test
    void theEventStreamSendsProgressAndStagesWhenTheyChange() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse.ResponseInfo> head = new CompletableFuture<>();
        // The response's own future completes only when the stream ends: the head is taken as it arrives.
        CompletableFuture<HttpResponse<Void>> stream = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(base() + "/study/" + STUDY + "/events")).header("Cookie", cookie()).build(),
                info -> {
                    head.complete(info);
                    return HttpResponse.BodySubscribers.fromLineSubscriber(new LineCollector(lines));
                });
        try {
            HttpResponse.ResponseInfo info = head.get(20, TimeUnit.SECONDS);
            assertEquals(200, info.statusCode());
            assertTrue(info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            String first = event(lines, "progress", "\"member\":1");
            assertTrue(first.contains("\"step\":3"), first);
            assertNotNull(event(lines, "stages", "\"done\":1"));

            store.progress().upsert(ProgressRow.of(STUDY, 1, 1, 2, 14, 10, 1.5, 870, "training", null));
            String changed = event(lines, "progress", "\"step\":14");
            assertTrue(changed.contains("\"epoch\":1") && changed.contains("\"loss\":1.5"), changed);

            store.stages().mark(STUDY, "train/member-001", "k1", StageState.DONE, 1);
            String stages = event(lines, "stages", "\"done\":2");
            assertTrue(stages.contains("{\"stage\":\"train/member-001\",\"state\":\"done\""), stages);
        } finally {
            stream.cancel(true);
            store.stages().mark(STUDY, "train/member-001", "k1", StageState.RUNNING, 1);
            store.progress().upsert(ProgressRow.of(STUDY, 1, 0, 2, 3, 10, 2.0, 850, "training", null));
        }
    }

    @Test
    void thePageFollowsTheEventsInABrowser() {
        try (Chromium chromium = Chromium.start()) {
            Page page = chromium.newPage();
            assertEquals(200, page.navigate(base() + withToken("/study/" + STUDY)).status());
            page.evaluate("window.basinLoaded = 'once'");
            Duration limit = Duration.ofSeconds(30);
            page.waitFor("document.getElementById('dashboard').getAttribute('data-stages-events') === '1'"
                    + " && document.getElementById('dashboard').getAttribute('data-connected') === 'true'", limit);
            String member = "document.querySelector('tr[data-member=\"1\"]')";
            assertEquals("3", page.evaluate(member + ".getAttribute('data-step')").asText());

            store.progress().upsert(ProgressRow.of(STUDY, 1, 1, 2, 17, 10, 1.25, 880, "training", null));
            page.waitFor(member + ".getAttribute('data-step') === '17'", limit);
            assertEquals("2/2 17 1.2500 880", page.evaluate("['epoch','step','loss','ips'].map(c => " + member
                    + ".querySelector('.' + c).textContent).join(' ')").asText());
            assertEquals(17, page.evaluate(member + ".querySelector('progress').value").asInt());

            store.stages().mark(STUDY, "train/member-001", "k1", StageState.DONE, 1);
            page.waitFor("document.querySelector('tr.stage[data-stage=\"train/member-001\"]')"
                    + ".getAttribute('data-state') === 'done'", limit);
            page.waitFor("document.getElementById('done').textContent === '2'"
                    + " && document.getElementById('dashboard').getAttribute('data-figure-reloads') === '1'"
                    + " && document.getElementById('dashboard').getAttribute('data-prediction-reloads') === '1'", limit);
            assertEquals(1, page.evaluate("document.querySelectorAll('#predictions tr[data-model]').length").asInt());
            assertEquals(1, page.evaluate("document.querySelectorAll('#figures figure[data-figure=\"training-loss\"]"
                    + " svg').length").asInt(), "the figures, reloaded when a stage finished");
            assertEquals("once", page.evaluate("window.basinLoaded").asText(), "no reload");
            page.screenshot(Path.of(System.getProperty("basedir", "."), "target", "browser", "dashboard-serve.png"));
            assertEquals(List.of(), page.errors());
            assertEquals(List.of(), page.brokenImages());
        } finally {
            store.stages().mark(STUDY, "train/member-001", "k1", StageState.RUNNING, 1);
            store.progress().upsert(ProgressRow.of(STUDY, 1, 0, 2, 3, 10, 2.0, 850, "training", null));
        }
    }

    /** The data of the next event named {@code name} whose data contains {@code containing}, within 20 s. */
    private static String event(BlockingQueue<String> lines, String name, String containing) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String event = null;
        while (System.nanoTime() < end) {
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event: ")) {
                event = line.substring("event: ".length());
            } else if (line.startsWith("data: ") && name.equals(event) && line.contains(containing)) {
                return line.substring("data: ".length());
            }
        }
        throw new AssertionError("no '" + name + "' event with " + containing + " within 20 s");
    }

    @Test
    void predictionsDownloadAsStoredInS3() throws Exception {
        HttpResponse<byte[]> r = bytes("/study/" + STUDY + "/predictions/" + model + ".npy");
        assertEquals(200, r.statusCode());
        ArtifactRef ref = store.predictions().of(model, "test").map(p -> new ArtifactRef(p.artifactKey(), p.sha256(), p.bytes()))
                .orElseThrow();
        assertArrayEquals(artifacts.get(ref), r.body());
        assertArrayEquals(npy, r.body());
        assertEquals("application/octet-stream", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"tiny-model-" + model + "-test.npy\"",
                r.headers().firstValue("Content-Disposition").orElse(""));
        String page = get("/study/" + STUDY, "Cookie", cookie()).body();
        assertTrue(page.contains("<tr data-model=\"" + model + "\" data-split=\"test\">"), page);
        assertTrue(page.contains("href=\"/study/tiny/predictions/" + model + ".npy\" download>"), "a link to it");
        assertTrue(page.contains("10 &times; 10"), "its shape");
        assertFalse(page.contains("data-model=\"" + otherModel + "\""), "another study's model is not listed");
        assertFalse(page.contains("data-model=\"" + oldRunModel + "\""), "nor one of an earlier run");
        String list = get("/study/" + STUDY + "/predictions", "Cookie", cookie()).body();
        assertTrue(page.contains("<div id=\"predictions\">\n" + list), "the list alone, as the page reloads it");
        assertArrayEquals(new byte[] {4, 5}, bytes("/study/" + STUDY + "/predictions/" + oldRunModel + ".npy").body());
        String markup = page.substring(0, page.indexOf("<script>"));
        assertEquals(2, Pattern.compile("data-member=").matcher(markup).results().count(), "data-member marks members only");
        assertEquals(404, bytes("/study/" + STUDY + "/predictions/" + otherModel + ".npy").statusCode(),
                "another study's model");
        assertEquals(404, bytes("/study/" + STUDY + "/predictions/" + (otherModel + 1000) + ".npy").statusCode());
        assertEquals(404, bytes("/study/" + STUDY + "/predictions/" + model + ".npy?split=train").statusCode(),
                "no train predictions stored");
    }

    @Test
    void figuresAndTablesDownload() throws Exception {
        HttpResponse<byte[]> svg = bytes("/study/" + STUDY + "/figure/training-loss.svg");
        assertEquals(200, svg.statusCode());
        assertEquals(SVG, new String(svg.body(), StandardCharsets.UTF_8));
        assertEquals("image/svg+xml; charset=utf-8", svg.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"training-loss.svg\"", svg.headers().firstValue("Content-Disposition").orElse(""));
        String csv = TableFormat.csv(new QueryResult(TABLE.columns(), TABLE.rows()));
        for (String path : List.of("/table/training-loss.csv", "/training-loss.csv")) {
            HttpResponse<byte[]> r = bytes("/study/" + STUDY + path);
            assertEquals(200, r.statusCode(), path);
            assertEquals(csv, new String(r.body(), StandardCharsets.UTF_8), path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), path);
        }
        assertArrayEquals(svg.body(), bytes("/study/" + STUDY + "/training-loss.svg").body(), "where the report links");
        assertEquals(404, bytes("/study/" + STUDY + "/figure/budget.svg").statusCode(), "pending: not drawn");
        assertEquals(404, bytes("/study/" + STUDY + "/figure/nope.svg").statusCode());
        assertEquals(404, bytes("/study/" + OTHER + "/figure/training-loss.svg").statusCode(), "no report yet");
    }

    @Test
    void theWholeReportIsTheReportPage() throws Exception {
        HttpResponse<String> r = get("/study/" + STUDY + "/report", "Cookie", cookie());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<figure class=\"figure\" id=\"fig-training-loss\" data-figure=\"training-loss\""),
                r.body());
        assertTrue(r.body().contains("href=\"training-loss.svg\""), "relative links, served beside the page");
        assertFalse(r.body().contains("<script"), "the report needs no script");
        HttpResponse<String> none = get("/study/" + OTHER + "/report", "Cookie", cookie());
        assertEquals(200, none.statusCode());
        assertTrue(none.body().contains("the report cannot be built yet"), none.body());
    }

    @Test
    void aRealStudysReportIsBuiltThroughTheReadOnlyRole() throws Exception {
        HttpResponse<String> page = get("/study/" + REAL, "Cookie", cookie());
        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains("the report cannot be built yet"), page.body());
        Matcher figures = Pattern.compile("<figure class=\"figure\" id=\"fig-([a-z0-9-]+)\" data-figure=\"\\1\""
                + " data-study=\"real\" data-status=\"(pending|empty)\"").matcher(page.body());
        assertTrue(figures.find(), "a study that trained nothing has only pending or empty figures: " + page.body());
        HttpResponse<String> report = get("/study/" + REAL + "/report", "Cookie", cookie());
        assertEquals(200, report.statusCode());
        assertTrue(report.body().contains("id=\"fig-" + figures.group(1) + "\""), "the report page has it too");
    }

    @Test
    void unknownThingsAre404WithOneLine() throws Exception {
        for (String path : List.of("/study/nope", "/study/nope/events", "/nothing", "/study/" + STUDY + "/nothing/x/y",
                "/study/" + STUDY + "/predictions/abc.npy")) {
            HttpResponse<String> r = get(path, "Cookie", cookie());
            assertEquals(404, r.statusCode(), path);
            assertEquals(1, r.body().lines().count(), path + ": " + r.body());
        }
        assertEquals("no study named 'nope'", get("/study/nope", "Cookie", cookie()).body().strip());
        assertEquals("no study named 'a b/c+d'", get("/study/a%20b%2Fc+d", "Cookie", cookie()).body().strip(),
                "a name is percent-decoded; '+' stays a plus");
        assertEquals(400, rawStatus("127.0.0.1:" + server.port(), withToken("/study/%zz")), "HttpClient sends no such path");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base() + "/")).header("Cookie", cookie())
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    /** Collects an event stream's lines as they arrive. */
    private record LineCollector(BlockingQueue<String> lines) implements java.util.concurrent.Flow.Subscriber<String> {
        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onComplete() {}
    }
}
