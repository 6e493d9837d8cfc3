package org.gatehouse.console.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the web console, a single-page app built by Vite into the bundle's {@value #ROOT} folder, through the OSGi
 * HTTP Whiteboard. CXF's servlet owns {@code /gatehouse/*}; the patterns here are exact or longer, so the container
 * gives them to this servlet: {@value #HOME}, {@code /gatehouse/index.html}, {@value #SCREEN} (the big screen) and
 * {@code /gatehouse/visit/*} (a visitor's invitation page): the app, which decides by its path what it shows;
 * {@code /gatehouse/assets/*} (its scripts and styles, named by content hash, cached for a year), and redirects from {@code /gatehouse} and
 * the old status-page addresses ({@code /gatehouse/console/*}, {@code /gatehouse/api/console}). The app holds no
 * data: it signs in through the REST API and reads it like any other client. Text assets are sent gzipped when
 * the browser accepts it.
 */
@Component(immediate = true, service = Servlet.class, property = {
        ConsoleServlet.PATTERN + "=" + ConsoleServlet.BARE,
        ConsoleServlet.PATTERN + "=" + ConsoleServlet.HOME,
        ConsoleServlet.PATTERN + "=" + ConsoleServlet.INDEX,
        ConsoleServlet.PATTERN + "=" + ConsoleServlet.ASSETS,
        ConsoleServlet.PATTERN + "=" + ConsoleServlet.OLD_CONSOLE,
        ConsoleServlet.PATTERN + "=" + ConsoleServlet.OLD_ADDRESS,
        ConsoleServlet.PATTERN + "=" + ConsoleServlet.SCREEN,
        ConsoleServlet.PATTERN + "=" + ConsoleServlet.VISIT,
        "osgi.http.whiteboard.servlet.name=gatehouse-console"})
public class ConsoleServlet extends HttpServlet {
    /** The whiteboard property naming the servlet's URL patterns. */
    static final String PATTERN = "osgi.http.whiteboard.servlet.pattern";
    /** The console's home. */
    static final String HOME = "/gatehouse/";
    static final String BARE = "/gatehouse";
    static final String INDEX = "/gatehouse/index.html";
    static final String ASSETS = "/gatehouse/assets/*";
    /** The status page's address before the app (it redirects). */
    static final String OLD_CONSOLE = "/gatehouse/console/*";
    /** Where the status page was served by the REST bundle before it had a bundle of its own. */
    static final String OLD_ADDRESS = "/gatehouse/api/console";
    /** The guard-room big screen: the app without the console's menu (a real path, it decides by location). */
    static final String SCREEN = "/gatehouse/screen";
    /** A visitor's invitation page {@code /gatehouse/visit/<token>}: the app's phone page without login. */
    static final String VISIT = "/gatehouse/visit/*";
    /** Every pattern of the servlet, as the whiteboard registers them. */
    static final List<String> PATTERNS = List.of(BARE, HOME, INDEX, ASSETS, OLD_CONSOLE, "/gatehouse/api/console",
            SCREEN, VISIT);
    /** The folder in the bundle that holds the built app. */
    static final String ROOT = "webapp";
    /** Content security policy: only this origin; blob: for snapshots fetched with the token and camera frames. */
    static final String CSP = "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob: mediastream:; "
            + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json", "svg", "image/svg+xml",
            "png", "image/png", "woff2", "font/woff2", "ico", "image/x-icon", "txt", "text/plain; charset=utf-8");

    private final transient ClassLoader loader;
    /** Files found so far (the app has a few dozen; unknown names are not kept). */
    private final transient Map<String, Asset> cache = new ConcurrentHashMap<>();

    /** A file of the app, and its gzipped form when that is smaller. */
    record Asset(byte[] plain, byte[] gzip, String type) {
    }

    public ConsoleServlet() {
        this(ConsoleServlet.class.getClassLoader());
    }

    ConsoleServlet(ClassLoader loader) {
        this.loader = loader;
    }

    @Activate
    void activate() {
        if (loader.getResource(ROOT + "/index.html") == null) {
            LOG.error("The console app is missing from the bundle ({}/index.html); {} answers 503", ROOT, HOME);
        } else {
            LOG.info("Gatehouse web console served at {}", HOME);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals(BARE) || path.startsWith("/gatehouse/console") || path.equals(OLD_ADDRESS)) {
            response.setHeader("Cache-Control", "no-cache");
            response.sendRedirect(request.getContextPath().replaceAll("/$", "") + HOME);
            return;
        }
        boolean asset = path.startsWith("/gatehouse/assets/");
        String file = asset ? path.substring("/gatehouse/".length()) : "index.html";
        if (file.contains("..") || file.contains("//") || file.contains("\\")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Asset a = cache.get(file);
        Optional<Asset> found = a != null ? Optional.of(a) : load(file);
        if (found.isEmpty()) {
            if (asset) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            } else {
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the console app is missing");
            }
            return;
        }
        a = found.get();
        cache.putIfAbsent(file, a);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(a.type());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (asset) {
            response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        } else {
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("Content-Security-Policy", CSP);
            response.setHeader("X-Frame-Options", "DENY");
        }
        response.setHeader("Vary", "Accept-Encoding");
        byte[] body = a.plain();
        String accept = request.getHeader("Accept-Encoding");
        if (a.gzip() != null && accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip")) {
            response.setHeader("Content-Encoding", "gzip");
            body = a.gzip();
        }
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    private Optional<Asset> load(String file) {
        try (InputStream in = loader.getResourceAsStream(ROOT + "/" + file)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] plain = in.readAllBytes();
            String ext = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String type = TYPES.getOrDefault(ext, "application/octet-stream");
            byte[] gzip = null;
            if (type.startsWith("text/") || type.startsWith("application/json") || type.startsWith("image/svg")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
                try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                    z.write(plain);
                }
                gzip = out.size() < plain.length ? out.toByteArray() : null;
            }
            return Optional.of(new Asset(plain, gzip, type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
