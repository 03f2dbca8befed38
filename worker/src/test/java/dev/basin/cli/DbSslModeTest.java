package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DbSslModeTest {

    @Test
    void addsTheModeToTheUrl() {
        assertEquals("jdbc:postgresql://h/basin?sslmode=verify-full", DbSslMode.apply("jdbc:postgresql://h/basin", "verify-full"));
        assertEquals("jdbc:postgresql://h/basin?ssl=true&sslmode=require",
                DbSslMode.apply("jdbc:postgresql://h/basin?ssl=true", "require"));
        assertEquals("jdbc:postgresql://h/basin?sslmode=disable", DbSslMode.apply("jdbc:postgresql://h/basin?sslmode=disable", "disable"));
        assertEquals("jdbc:postgresql://h/basin", DbSslMode.apply("jdbc:postgresql://h/basin", null));
    }

    @Test
    void refusesAnUnknownModeNamingTheAllowedOnes() {
        BadInputException e = assertThrows(BadInputException.class, () -> DbSslMode.apply("jdbc:postgresql://h/b", "on"));
        assertEquals("--db-sslmode (or BASIN_DB_SSLMODE) must be one of disable|allow|prefer|require|verify-ca|verify-full,"
                + " got 'on'", e.getMessage());
    }

    @Test
    void refusesAModeThatDisagreesWithTheUrl() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> DbSslMode.apply("jdbc:postgresql://h/b?sslmode=disable&x=1", "verify-full"));
        assertEquals("--db-sslmode verify-full disagrees with sslmode=disable in --db-url; give it once", e.getMessage());
    }
}
