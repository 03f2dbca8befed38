package dev.basin.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesTextAndAttributes() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;", Html.escape("<a href=\"x\" title='y'>&amp;"));
        assertEquals("", Html.escape(null));
    }

    @Test
    void pathSegmentsRoundTrip() {
        for (String name : List.of("plain", "a b", "a/b", "a+b", "ü<>\"'%")) {
            assertEquals(List.of("study", name), Routes.segments(Html.studyPath(name)), name);
        }
    }

    @Test
    void jsonIsSafeInsideAPage() {
        assertEquals("\"a\\\"b\\\\c\\n\\u003c/script\\u003e\"", Json.str("a\"b\\c\n</script>"));
        assertEquals("null", Json.num(Double.NaN));
        assertEquals("3", Json.num(3.0));
        assertEquals("0.25", Json.num(0.25));
    }
}
