package org.gatehouse.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the console page (today the guard-room status page, one static HTML file) through the OSGi HTTP Whiteboard
 * at {@value #CONSOLE} and, for old bookmarks and clients, at {@value #OLD_ADDRESS}. Both patterns are longer than
 * the CXF servlet's {@code /gatehouse/*}, so the servlet container gives these paths to this servlet. The page holds
 * no data: it signs in through the REST API's {@code /auth/token} and reads the API like any other client.
 */
@Component(immediate = true, service = Servlet.class, property = {
        ConsoleServlet.PATTERN + "=" + ConsoleServlet.CONSOLE_PATTERN,
        ConsoleServlet.PATTERN + "=" + ConsoleServlet.OLD_ADDRESS,
        "osgi.http.whiteboard.servlet.name=gatehouse-console"})
public class ConsoleServlet extends HttpServlet {
    /** The whiteboard property naming the servlet's URL patterns. */
    static final String PATTERN = "osgi.http.whiteboard.servlet.pattern";
    /** The console's home. */
    static final String CONSOLE = "/gatehouse/console/";
    /** Everything below the console's home (the single-page app's future assets and routes). */
    static final String CONSOLE_PATTERN = "/gatehouse/console/*";
    /** Where the status page was served by the REST bundle before it had a bundle of its own. */
    static final String OLD_ADDRESS = "/gatehouse/api/console";
    static final String PAGE = "console.html";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);

    private final byte[] page;

    public ConsoleServlet() {
        try (InputStream in = ConsoleServlet.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " missing from the bundle");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Activate
    void activate() {
        LOG.info("Gatehouse console served at {} (also at {})", CONSOLE, OLD_ADDRESS);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path != null && !path.equals("/") && !path.equals("/index.html")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }
}
