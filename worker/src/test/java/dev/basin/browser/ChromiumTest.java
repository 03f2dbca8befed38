package dev.basin.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver itself, on static pages: it must see the errors the report and dashboard tests look for. */
class ChromiumTest {
    private static Chromium chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private String page(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "<!doctype html><html><head><meta charset=utf-8><title>t</title></head><body>"
                + body + "</body></html>");
        return file.toUri().toString();
    }

    @Test
    void aCleanPageHasNoErrorsAndItsValuesComeBack() throws IOException {
        Page page = chromium.newPage();
        String url = page("clean.html", "<p id=p data-n=\"42\">hello</p>"
                + "<img alt=dot src=\"data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==\">");
        page.navigate(url);
        assertEquals(List.of(), page.errors());
        assertEquals(List.of(), page.brokenImages());
        assertEquals(42, page.evaluate("Number(document.getElementById('p').dataset.n)").asInt());
        assertEquals("hello", page.evaluate("document.getElementById('p').textContent").asText());
        assertEquals(List.of(url, page.requests().get(1)), page.requests());
        assertTrue(page.requests().get(1).startsWith("data:image/gif"), page.requests().toString());
    }

    @Test
    void consoleErrorsAndUncaughtExceptionsAreCaught() throws IOException {
        Page page = chromium.newPage();
        page.navigate(page("errors.html", "<script>console.log('all-good'); console.error('bad thing', 7);"
                + "console.assert(1 === 2, 'not equal');</script>"
                + "<script>undefinedFunction();</script>"));
        List<String> errors = page.errors();
        assertTrue(errors.stream().anyMatch(e -> e.contains("console.error: bad thing 7")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("console.assert") && e.contains("not equal")),
                errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("undefinedFunction")), errors.toString());
        assertFalse(errors.stream().anyMatch(e -> e.contains("all-good")), errors.toString());
    }

    @Test
    void aBrokenImageIsCaught() throws IOException {
        Page page = chromium.newPage();
        page.navigate(page("image.html", "<img alt=missing src=\"missing.png\">"));
        List<String> broken = page.brokenImages();
        assertEquals(1, broken.size(), broken.toString());
        assertTrue(broken.get(0).endsWith("/missing.png"), broken.toString());
        // the browser reports the failed load as well
        assertTrue(page.errors().stream().anyMatch(e -> e.contains("missing.png")), page.errors().toString());
    }

    @Test
    void theDocumentStatusComesBack() throws IOException {
        Page page = chromium.newPage();
        Page.Loaded loaded = page.navigate(page("status.html", "<p>x</p>"));
        assertEquals("", loaded.errorText());
        Page.Loaded missing = page.navigate(dir.resolve("absent.html").toUri().toString());
        assertFalse(missing.errorText().isEmpty(), missing.toString());
    }

    @Test
    void aFullPageScreenshotIsWritten() throws IOException {
        Page page = chromium.newPage();
        page.navigate(page("tall.html", "<div style=\"height:2000px;background:linear-gradient(#0072B2,#E69F00)\">"
                + "</div>"));
        Path png = dir.resolve("shots/tall.png");
        page.screenshot(png);
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            byte[] signature = data.readNBytes(8);
            assertEquals("\u0089PNG\r\n\u001a\n", new String(signature, StandardCharsets.ISO_8859_1));
            data.readInt(); // IHDR length
            data.readInt(); // "IHDR"
            assertEquals(Page.WIDTH, data.readInt(), "width");
            assertTrue(data.readInt() >= 2000, "the whole page, beyond the 800-pixel viewport");
        }
        Path top = dir.resolve("shots/top.png");
        page.screenshot(top, 500);
        try (InputStream in = Files.newInputStream(top); DataInputStream data = new DataInputStream(in)) {
            data.skipNBytes(16);
            assertEquals(List.of(Page.WIDTH, 500), List.of(data.readInt(), data.readInt()), "the top 500 pixels");
        }
    }

    @Test
    void closeEndsTheBrowserAndDeletesItsProfile() {
        Chromium own = Chromium.start();
        own.newPage().navigate("about:blank");
        List<ProcessHandle> processes = own.processes();
        Path profile = own.profile();
        assertTrue(processes.size() > 1, "the launcher script and the browser");
        assertTrue(Files.isDirectory(profile));
        own.close();
        assertEquals(List.of(), processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
        assertFalse(Files.exists(profile), profile.toString());
    }
}
