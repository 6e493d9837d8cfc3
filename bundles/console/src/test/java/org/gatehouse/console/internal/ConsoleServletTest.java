package org.gatehouse.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console servlet on Jetty 9.4 (the servlet container of Karaf 4.4's Pax Web 8) with its whiteboard patterns,
 * beside a stand-in for the CXF servlet at {@code /gatehouse/*}, serving the app the build just made into
 * {@code target/webapp} (the folder the bundle packs as {@code webapp/}).
 */
class ConsoleServletTest {
    static final List<Server> servers = new ArrayList<>();
    static String base;
    static HttpClient http;

    /** Stands in for CXF's servlet, which Karaf registers at {@code /gatehouse}. */
    static final class ApiStandIn extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"api\":\"" + request.getPathInfo() + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    static String start(ClassLoader app) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler root = new ServletContextHandler();
        root.setContextPath("/");
        root.addServlet(new ServletHolder(new ApiStandIn()), "/gatehouse/*");
        ServletHolder console = new ServletHolder(new ConsoleServlet(app));
        for (String pattern : ConsoleServlet.PATTERNS) {
            root.getServletHandler().addServletWithMapping(console, pattern);
        }
        jetty.setHandler(root);
        jetty.start();
        servers.add(jetty);
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    @BeforeAll
    static void start() throws Exception {
        Path built = Path.of("target");
        assertTrue(Files.isRegularFile(built.resolve("webapp/index.html")), "the build made the app into target/webapp");
        base = start(new URLClassLoader(new URL[] {built.toUri().toURL()}, null));
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Server s : servers) {
            s.stop();
        }
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void theAppAndEveryAssetItNamesAreServed() throws Exception {
        for (String path : new String[] {"/gatehouse/", "/gatehouse/index.html"}) {
            HttpResponse<byte[]> r = get(path);
            assertEquals(200, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").replace(" ", "").equals("text/html;charset=utf-8"));
            assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""));
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
            assertTrue(text(r).contains("<div id=\"app\"></div>"), path);
        }
        Matcher refs = Pattern.compile("(?:src|href)=\"(/gatehouse/assets/[^\"]+)\"").matcher(text(get("/gatehouse/")));
        int n = 0;
        while (refs.find()) {
            HttpResponse<byte[]> asset = get(refs.group(1));
            assertEquals(200, asset.statusCode(), refs.group(1));
            assertTrue(asset.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
            String type = asset.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith(refs.group(1).endsWith(".css") ? "text/css" : "text/javascript"), type);
            n++;
        }
        assertTrue(n >= 2, "index.html names its script and its style sheet: " + n);
    }

    @Test
    void theBigScreenAndTheVisitorPageAreTheAppWithItsAssets() throws Exception {
        String app = text(get("/gatehouse/"));
        for (String path : new String[] {"/gatehouse/screen", "/gatehouse/visit/Zm9vYmFyLXRva2VuLTEyMzQ1Ng"}) {
            HttpResponse<byte[]> r = get(path);
            assertEquals(200, r.statusCode(), path);
            assertEquals(app, text(r), path + " serves the same index.html");
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        }
        // the asset addresses are absolute (Vite base /gatehouse/), so they load from any of these paths
        assertTrue(app.contains("src=\"/gatehouse/assets/"), app);
        assertEquals("{\"api\":\"/api/screen\"}", text(get("/gatehouse/api/screen")), "the API stays CXF's");
    }

    @Test
    void textIsGzippedWhenTheBrowserAcceptsIt() throws Exception {
        HttpResponse<byte[]> plain = get("/gatehouse/");
        HttpResponse<byte[]> zipped = get("/gatehouse/", "Accept-Encoding", "gzip, deflate");
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes());
        }
    }

    @Test
    void theBareAddressAndTheOldStatusPageAddressesRedirectToTheApp() throws Exception {
        for (String path : new String[] {"/gatehouse", "/gatehouse/console/", "/gatehouse/console",
                "/gatehouse/console/index.html", "/gatehouse/api/console"}) {
            HttpResponse<byte[]> r = get(path);
            assertEquals(302, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/gatehouse/"), path);
        }
    }

    @Test
    void theApiKeepsItsOtherPathsAndUnknownAssetsAre404() throws Exception {
        HttpResponse<byte[]> health = get("/gatehouse/api/health");
        assertEquals(200, health.statusCode());
        assertEquals("{\"api\":\"/api/health\"}", text(health));
        assertEquals("{\"api\":\"/api/console/x\"}", text(get("/gatehouse/api/console/x")));
        assertEquals("{\"api\":\"/people\"}", text(get("/gatehouse/people")), "only the app's own paths are taken");
        assertEquals(404, get("/gatehouse/assets/nope.js").statusCode());
        assertEquals(404, get("/gatehouse/assets/..%2F..%2Fetc%2Fpasswd").statusCode());
    }

    @Test
    void aBundleWithoutTheAppAnswers503NotAnEmptyPage() throws Exception {
        String other = start(new URLClassLoader(new URL[0], null));
        HttpResponse<byte[]> r = get(other + "/gatehouse/");
        assertEquals(503, r.statusCode());
        assertEquals(404, get(other + "/gatehouse/assets/index.js").statusCode());
    }
}
