package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowsTest {
    private final Rows rows = new Rows(List.of("member", "nll"), List.of(
            List.of("0", "0.5"), Arrays.asList("1", null), List.of("0", "NaN"), List.of("1", "-Infinity")));

    @Test
    void numbersReadSqlNullAndPostgresSpecialValues() {
        double[] nll = rows.numbers("nll");
        assertEquals(0.5, nll[0]);
        assertTrue(Double.isNaN(nll[1]) && Double.isNaN(nll[2]));
        assertEquals(Double.NEGATIVE_INFINITY, nll[3]);
    }

    @Test
    void groupsKeepFirstAppearanceOrder() {
        var groups = rows.groupBy("member");
        assertEquals(List.of("0", "1"), List.copyOf(groups.keySet()));
        assertArrayEquals(new String[] {"0.5", "NaN"}, groups.get("0").texts("nll"));
    }

    @Test
    void anUnknownColumnNamesTheColumnsThereAre() {
        var e = assertThrows(IllegalStateException.class, () -> rows.numbers("accuracy"));
        assertTrue(e.getMessage().contains("[member, nll]"), e.getMessage());
    }
}
