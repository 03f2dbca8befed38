package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatTest {

    private static final QueryResult RESULT = new QueryResult(List.of("kind", "size", "accuracy"), List.of(
            List.of("deep", "1", "0.9"),
            Arrays.asList("swa, \"avg\"", "12", null),
            List.of("", "3", "-1.5e-3")));

    @Test
    void alignedLooksLikePsql() {
        assertEquals("""
                    kind    | size | accuracy
                ------------+------+----------
                 deep       |    1 |      0.9
                 swa, "avg" |   12 |
                            |    3 |  -1.5e-3
                (3 rows)
                """, TableFormat.aligned(RESULT));
    }

    @Test
    void alignedSingleRowAndEmpty() {
        assertEquals(" n\n---\n 1\n(1 row)\n", TableFormat.aligned(new QueryResult(List.of("n"), List.of(List.of("1")))));
        assertEquals(" name\n------\n(0 rows)\n", TableFormat.aligned(new QueryResult(List.of("name"), List.of())));
        assertEquals("", TableFormat.aligned(new QueryResult(List.of(), List.of())));
    }

    @Test
    void csvQuotesPerRfc4180() {
        assertEquals("kind,size,accuracy\r\n"
                + "deep,1,0.9\r\n"
                + "\"swa, \"\"avg\"\"\",12,\r\n"
                + "\"\",3,-1.5e-3\r\n", TableFormat.csv(RESULT));
        assertEquals("a\r\n\"line\nbreak\"\r\n",
                TableFormat.csv(new QueryResult(List.of("a"), List.of(List.of("line\nbreak")))));
    }
}
