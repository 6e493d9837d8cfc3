package org.gatehouse.device.gate.hikvision.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class DigestClientTest {

    @Test
    void answersTheChallengeOfRfc2617() {
        // RFC 2617 section 3.5
        DigestClient.Challenge c = DigestClient.parse(List.of("Basic realm=\"x\"",
                "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                        + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
        assertTrue(c.qopAuth());
        String header = DigestClient.answer(c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b",
                "00000001");
        assertTrue(header.contains("response=\"6629fae49393a05397450978507c4ef1\""), header);
        assertTrue(header.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), header);
        assertTrue(header.contains("nc=00000001"), header);
    }

    @Test
    void answersWithoutQopAsRfc2069() {
        DigestClient.Challenge c = DigestClient.parse(List.of("Digest realm=\"r\", nonce=\"n\""));
        assertFalse(c.qopAuth());
        String header = DigestClient.answer(c, "u", "p", "GET", "/", "cn", "00000001");
        String expected = DigestClient.md5(DigestClient.md5("u:r:p") + ":n:" + DigestClient.md5("GET:/"));
        assertTrue(header.endsWith("response=\"" + expected + "\""), header);
        assertFalse(header.contains("qop"));
    }

    @Test
    void refusesChallengesItCannotAnswer() {
        assertNull(DigestClient.parse(List.of("Basic realm=\"x\"")));
        assertNull(DigestClient.parse(List.of("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256")));
        assertNull(DigestClient.parse(List.of("Digest realm=\"r\"")));
        assertEquals("a, b", DigestClient.params("x=\"a, b\", y=c").get("x"));
    }
}
