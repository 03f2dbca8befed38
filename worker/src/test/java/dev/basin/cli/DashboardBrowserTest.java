package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basin.browser.Chromium;
import dev.basin.browser.Page;
import dev.basin.engine.data.SyntheticIdx;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin serve} (a JVM of its own) against the test stack, watched in headless Chromium while a study
 * trains: the per-member progress on the study's page changes without a reload (server-sent events), stages
 * turn done, nothing errs on the page; without its token the server answers 403.
 * The study: 2 small CNNs, 5 epochs of 1,000 synthetic images, so that there is training to watch.
 */
@ExtendWith(ServedStack.Resolver.class)
class DashboardBrowserTest {
    private static final String STUDY = "browser-dashboard";
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/\\S*");
    /** Each member's progress as the page shows it: its text, and its value where it is a progress element. */
    private static final String MEMBERS = "Array.from(document.querySelectorAll('[data-member]')).map(e =>"
            + " e.getAttribute('data-member') + '=' + (e.value === undefined ? '' : e.value) + ' '"
            + " + e.textContent.replace(/\\s+/g, ' ').trim()).join(' | ')";

    @TempDir Path dir;

    @Test
    void theStudyPageShowsTrainingAsItHappens(ServedStack stack) throws IOException {
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 1000, 200, 21, true);
        Path spec = Files.writeString(dir.resolve(STUDY + ".yaml"), """
                study: %s
                seed: 21
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 2, epochs: 5, batchSize: 50, lr: 0.05}
                """.formatted(STUDY, data));
        Path log = dir.resolve("serve.log");
        try (ChildBasin serve = ChildBasin.start("basin serve", log, Map.of(), "serve", "--port", "0",
                "--data-dir", stack.dataDir.toString());
             Chromium chromium = Chromium.start()) {
            URI url = URI.create(awaitUrl(serve, log));

            // First, before any page has the token's cookie: the browser shares cookies between its tabs.
            Page stranger = chromium.newPage();
            Page.Loaded refused = stranger.navigate(url.getScheme() + "://" + url.getAuthority() + "/");
            assertEquals(403, refused.status(), "without its token the server refuses: " + refused);

            Page page = chromium.newPage();
            Cli.Output submitted = stack.cli("submit", spec.toString());
            assertEquals(0, submitted.code(), submitted.err());
            page.navigate(studyLink(page, url));
            page.evaluate("window.basinLoaded = 'once'");

            // Every distinct progress display seen while the study runs; two differ only if the page changed.
            Set<String> seen = new LinkedHashSet<>();
            long end = System.nanoTime() + LIMIT.toNanos();
            while (seen.size() < 2 || doneStages(page) == 0) {
                String members = page.evaluate(MEMBERS).asText();
                if (!members.isEmpty()) {
                    seen.add(members);
                }
                if (System.nanoTime() > end) {
                    fail("within " + LIMIT + " the page showed " + seen + " and " + doneStages(page)
                            + " stages done; serve's log:\n" + serve.tail());
                }
                sleep(100);
            }
            assertEquals("once", page.evaluate("window.basinLoaded").asText(), "updates come without a reload");
            page.screenshot(Path.of(System.getProperty("basedir", "."), "target", "browser", "dashboard.png"));
            assertEquals(List.of(), page.errors(), "serve's log:\n" + serve.tail());
            assertEquals(List.of(), page.brokenImages());
            awaitEnd(stack);
        }
    }

    private static int doneStages(Page page) {
        return page.evaluate("document.querySelectorAll('[data-stage][data-state=done]').length").asInt();
    }

    /** The tokenised URL serve prints once it listens. */
    private static String awaitUrl(ChildBasin serve, Path log) throws IOException {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log)) {
                Matcher m = URL.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) {
                    return m.group();
                }
            }
            if (!serve.alive()) {
                fail("basin serve ended:\n" + serve.tail());
            }
            sleep(200);
        }
        return fail("basin serve printed no URL:\n" + serve.tail());
    }

    /** The study is left finished, not running into the next test on the shared stack. */
    private static void awaitEnd(ServedStack stack) {
        long end = System.nanoTime() + LIMIT.toNanos();
        while (!stack.column("select status from study where name = ?", STUDY).equals(List.of("completed"))) {
            if (System.nanoTime() > end) {
                fail(STUDY + " did not complete within " + LIMIT + ": "
                        + stack.column("select status from study where name = ?", STUDY));
            }
            sleep(500);
        }
    }

    /** The study's page, linked from the list of studies once the workflow has written the study's row. */
    private static String studyLink(Page page, URI url) {
        long end = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            page.navigate(url.toString());
            String link = page.evaluate("(Array.from(document.querySelectorAll('a[href]')).find(a =>"
                    + " a.textContent.trim() === '" + STUDY + "') || {}).href || ''").asText();
            if (!link.isEmpty()) {
                return link;
            }
            if (System.nanoTime() > end) {
                fail("no link to " + STUDY + " on the list of studies within " + LIMIT);
            }
            sleep(500);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
