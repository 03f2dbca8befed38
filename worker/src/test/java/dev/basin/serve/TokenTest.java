package dev.basin.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenTest {

    @Test
    void tokensAre128RandomBitsInUrlSafeBase64() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String v = Token.random().value();
            assertTrue(v.matches("[A-Za-z0-9_-]{22}"), v);
            seen.add(v);
        }
        assertEquals(200, seen.size());
    }

    @Test
    void onlyTheSameValueMatches() {
        Token t = Token.of("abcDEF123_-abcDEF123_-");
        assertTrue(t.matches("abcDEF123_-abcDEF123_-"));
        assertFalse(t.matches("abcDEF123_-abcDEF123_A"));
        assertFalse(t.matches("abcDEF123_-abcDEF123_"));
        assertFalse(t.matches(""));
        assertFalse(t.matches(null));
        assertFalse(t.toString().contains(t.value()), "never printed by accident");
    }

    @Test
    void readFromQueryAndCookie() {
        assertEquals(Optional.of("xyz"), Token.fromQuery("a=1&token=xyz&b=2"));
        assertEquals(Optional.empty(), Token.fromQuery("mytoken=xyz"));
        assertEquals(Optional.empty(), Token.fromQuery(null));
        String name = Token.cookie(8765);
        assertEquals("basin_token_8765", name);
        assertEquals(Optional.of("v"), Token.fromCookies(List.of("other=1; " + name + "=v"), name));
        assertEquals(Optional.empty(), Token.fromCookies(List.of("x" + name + "=v"), name));
        assertEquals(Optional.empty(), Token.fromCookies(List.of(Token.cookie(8766) + "=v"), name), "another port's");
        assertEquals(Optional.empty(), Token.fromCookies(null, name));
        assertEquals("basin_token_8765=t; Path=/; HttpOnly; SameSite=Strict", Token.of("t").setCookie(8765));
    }
}
