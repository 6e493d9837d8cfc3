package org.gatehouse.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * beside a stand-in for the CXF servlet at {@code /gatehouse/*}: the longer patterns win, so the page answers at its
 * new and its old address while the API keeps every other path.
 */
class ConsoleServletTest {
    static Server jetty;
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

    @BeforeAll
    static void start() throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler root = new ServletContextHandler();
        root.setContextPath("/");
        root.addServlet(new ServletHolder(new ApiStandIn()), "/gatehouse/*");
        ServletHolder console = new ServletHolder(new ConsoleServlet());
        root.getServletHandler().addServletWithMapping(console, ConsoleServlet.CONSOLE_PATTERN);
        root.getServletHandler().addServletWithMapping(console, ConsoleServlet.OLD_ADDRESS);
        jetty.setHandler(root);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void consolePageIsServedWithoutAuthAndUsesTheTokenApi() throws Exception {
        for (String path : new String[] {ConsoleServlet.CONSOLE, ConsoleServlet.OLD_ADDRESS, "/gatehouse/console",
                "/gatehouse/console/index.html"}) {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
            assertTrue(r.body().contains("/auth/token") && r.body().contains("值班看板"),
                    "bilingual page using tokens at " + path);
        }
    }

    @Test
    void theApiKeepsItsOtherPathsAndUnknownConsolePathsAre404() throws Exception {
        HttpResponse<String> health = get("/gatehouse/api/health");
        assertEquals(200, health.statusCode());
        assertEquals("{\"api\":\"/api/health\"}", health.body());
        assertEquals("{\"api\":\"/api/console/x\"}", get("/gatehouse/api/console/x").body());
        assertEquals(404, get("/gatehouse/console/nope.js").statusCode());
    }

    @Test
    void thePageFindsTheApiFromBothAddresses() throws Exception {
        String page = get(ConsoleServlet.CONSOLE).body();
        Matcher js = Pattern.compile("const api = location\\.pathname\\.replace\\(/(.+?)/, \"\"\\) \\+ \"/api\";")
                .matcher(page);
        assertTrue(js.find(), "the API base is computed from the page's address");
        Pattern where = Pattern.compile(js.group(1).replace("\\/", "/") + "$");
        for (String path : new String[] {"/gatehouse/console/", "/gatehouse/console", "/gatehouse/api/console",
                "/gatehouse/console/index.html"}) {
            assertEquals("/gatehouse/api", where.matcher(path).replaceFirst("") + "/api", path);
        }
    }

    @Test
    void consolePageHasTheDutyFacesAndNoticePanelsInBothLanguages() throws Exception {
        String page = get(ConsoleServlet.CONSOLE).body();
        for (String marker : new String[] {"id=\"duty\"", "id=\"faces\"", "id=\"identify\"", "id=\"photo\"",
                "id=\"identified\"", "id=\"notices\"", "\"/duty/now\"", "\"/faces/status\"",
                "\"/faces/identify?use=gate&top=5\"", "\"/notices?limit=", "\"/notices/\"", "<progress"}) {
            assertTrue(page.contains(marker), "console page misses " + marker);
        }
        // every panel reports 403 and 503 in its own place instead of breaking the page
        assertTrue(page.contains("r.status === 403") && page.contains("r.status === 503"), "403/503 handling");
        String zh = page.substring(page.indexOf("\"zh-CN\": {"), page.indexOf("\"en\": {"));
        String en = page.substring(page.indexOf("\"en\": {"), page.indexOf("const api"));
        Set<String> zhKeys = keys(zh);
        assertEquals(zhKeys, keys(en), "zh-CN and en define the same labels");
        Matcher used = Pattern.compile(
                "data-t=\"(\\w+)\"|\\bL\\.(\\w+)|T\\[lang\\]\\.(\\w+)|local: \"(\\w+)\"").matcher(page);
        int n = 0;
        while (used.find()) {
            String key = used.group(1) != null ? used.group(1) : used.group(2) != null ? used.group(2)
                    : used.group(3) != null ? used.group(3) : used.group(4);
            assertTrue(zhKeys.contains(key), "label '" + key + "' used but not defined");
            n++;
        }
        assertTrue(n > 40, "labels found: " + n);
        for (String label : new String[] {"当前值班", "人脸识别", "家校通知", "识别照片", "On duty now", "Faces", "Notices",
                "Identify a photo", "当前账号无权查看此项", "Your account has no access to this"}) {
            assertTrue(page.contains("\"" + label + "\""), "label " + label);
        }
    }

    /** Keys of one language block of the console's label table. */
    private static Set<String> keys(String block) {
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("[{,\\s]\"?([A-Za-z][\\w-]*)\"?: ").matcher(
                block.substring(block.indexOf('{') + 1));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
