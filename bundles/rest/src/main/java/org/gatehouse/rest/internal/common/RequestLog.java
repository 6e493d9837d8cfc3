package org.gatehouse.rest.internal.common;

import java.lang.reflect.Method;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;

/** Describes the current request in one line for log messages, without importing the Servlet API. */
public final class RequestLog {
    private RequestLog() {
    }

    /** @return for example {@code POST /gatehouse/api/events from 127.0.0.1} */
    public static String describe() {
        Message m = PhaseInterceptorChain.getCurrentMessage();
        if (m == null) {
            return "request";
        }
        Object method = m.get(Message.HTTP_REQUEST_METHOD);
        Object uri = m.get(Message.REQUEST_URI);
        return (method == null ? "?" : method) + " " + (uri == null ? "?" : uri) + " from " + remote(m);
    }

    /** @return the client address; the servlet request is reached by reflection to keep javax.servlet out */
    public static String remote(Message m) {
        if (m == null) {
            return "unknown";
        }
        Object req = m.get("HTTP.REQUEST");
        if (req == null) {
            return "unknown";
        }
        try {
            Method getter = req.getClass().getMethod("getRemoteAddr");
            Object addr = getter.invoke(req);
            return addr == null ? "unknown" : addr.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown";
        }
    }
}
