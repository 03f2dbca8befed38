package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Part 9: a DbConfig never shows a password, neither its own nor one a user put into the URL. */
class DbConfigTest {

    @Test
    void toStringRedactsAPasswordInTheUrl() {
        DbConfig c = new DbConfig("jdbc:postgresql://h:5432/basin?ssl=true&password=hunter2&user=x", "basin", "s3cret");
        assertEquals("DbConfig[url=jdbc:postgresql://h:5432/basin?ssl=true&password=***&user=x, user=basin, password=***]",
                c.toString());
        assertEquals("jdbc:postgresql://h:5432/basin?ssl=true&password=***&user=x", c.safeUrl());
    }

    @Test
    void theParameterNameIsMatchedInAnyCase() {
        assertFalse(new DbConfig("jdbc:postgresql://h/basin?PASSWORD=hunter2", "u", null).toString().contains("hunter2"));
    }

    @Test
    void aUrlThatIsNotPostgresIsRefusedWithoutShowingItsPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DbConfig("jdbc:mysql://h/basin?password=hunter2", "u", "p"));
        assertEquals("not a PostgreSQL JDBC URL: jdbc:mysql://h/basin?password=***", e.getMessage());
    }
}
