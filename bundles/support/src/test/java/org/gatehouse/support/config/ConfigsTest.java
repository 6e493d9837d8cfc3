package org.gatehouse.support.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConfigsTest {

    private static void refused(String message, Executable check) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, check).getMessage());
    }

    @Test
    void trimKeepsNull() {
        assertEquals("a b", Configs.trim(" a b\t"));
        assertNull(Configs.trim(null));
    }

    @Test
    void requiredAndNotEmptyRefuseBlankValuesWithTheKey() {
        assertEquals(" h ", Configs.required("host", " h "));
        refused("host is required", () -> Configs.required("host", " "));
        refused("host is required", () -> Configs.required("host", null));
        assertEquals("p", Configs.notEmpty("provider", "p"));
        refused("provider must not be empty", () -> Configs.notEmpty("provider", ""));
    }

    @Test
    void portsAreOneTo65535() {
        assertEquals(1, Configs.port("port", 1));
        assertEquals(65535, Configs.port("port", 65535));
        refused("port 0 is out of range 1-65535", () -> Configs.port("port", 0));
        refused("smsc.port 70000 is out of range 1-65535", () -> Configs.port("smsc.port", 70000));
    }

    @Test
    void positiveDurations() {
        assertTrue(Configs.positive(Duration.ofMillis(1), Duration.ofSeconds(5)));
        assertFalse(Configs.positive(Duration.ofMillis(1), Duration.ZERO));
        assertFalse(Configs.positive(Duration.ofMillis(-1)));
        assertTrue(Configs.positive());
    }

    @Test
    void urlsNeedOneOfTheSchemesAndAHost() {
        assertEquals(URI.create("https://example.org/hook"), Configs.url("url", " https://example.org/hook ",
                "http", "https"));
        assertEquals(URI.create("SSL://b:8883"), Configs.url("broker.url", "SSL://b:8883", "tcp", "ssl"));
        refused("url is required", () -> Configs.url("url", "", "http", "https"));
        refused("url 'ftp://h/x' must start with http:// or https://",
                () -> Configs.url("url", "ftp://h/x", "http", "https"));
        refused("broker.url '/relative' must start with tcp:// or ssl://",
                () -> Configs.url("broker.url", "/relative", "tcp", "ssl"));
        refused("url 'http:///nohost' has no host", () -> Configs.url("url", "http:///nohost", "http", "https"));
        refused("url 'not a url' is not a valid URL: Illegal character in path",
                () -> Configs.url("url", "not a url", "http", "https"));
    }

    @Test
    void aDerivedUrlIsReportedAsConfigured() {
        refused("url 'ftp://h/?to={{recipient}}' must start with http:// or https://", () -> Configs.url("url",
                "ftp://h/?to=%2B86", "ftp://h/?to={{recipient}}", List.of("http", "https")));
    }
}
