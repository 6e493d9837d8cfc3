package org.gatehouse.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gatehouse.rest.internal.auth.TokenService;
import org.gatehouse.rest.internal.common.Public;
import org.gatehouse.rest.internal.common.Roles;
import org.gatehouse.rest.internal.system.OpenApiResource;
import org.junit.jupiter.api.Test;

/** Keeps openapi.json and the resource classes in step, and checks every resource method declares its access. */
class OpenApiTest {
    static final List<Class<? extends Annotation>> VERBS = List.of(GET.class, POST.class, PUT.class, DELETE.class,
            HEAD.class);

    static List<String[]> operations() {
        RestServer server = new RestServer(new InMemoryServices().services(), new TestAuthenticator(),
                new TokenService(new byte[32], java.time.Duration.ofMinutes(1), java.time.Clock.systemUTC()),
                RestConfig.defaults());
        List<String[]> ops = new ArrayList<>();
        for (Object resource : server.resources()) {
            Class<?> type = resource.getClass();
            String root = type.getAnnotation(Path.class).value();
            for (Method m : type.getDeclaredMethods()) {
                for (Class<? extends Annotation> verb : VERBS) {
                    if (m.isAnnotationPresent(verb)) {
                        Path sub = m.getAnnotation(Path.class);
                        String path = normalize(root + (sub == null ? "" : "/" + sub.value()));
                        ops.add(new String[] {path, verb.getSimpleName().toLowerCase(), type.getSimpleName() + "."
                                + m.getName()});
                    }
                }
            }
        }
        return ops;
    }

    static String normalize(String path) {
        String p = ("/" + path).replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Test
    void everyResourcePathAndMethodIsDocumented() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(OpenApiResource.load()).get("paths");
        List<String[]> ops = operations();
        assertTrue(ops.size() >= 25, "found " + ops.size() + " operations");
        for (String[] op : ops) {
            assertTrue(paths.has(op[0]), "openapi.json lacks path " + op[0] + " of " + op[2]);
            assertTrue(paths.get(op[0]).has(op[1]), "openapi.json lacks " + op[1] + " " + op[0] + " of " + op[2]);
        }
        Set<String> documented = new TreeSet<>();
        paths.fields().forEachRemaining(e -> e.getValue().fieldNames().forEachRemaining(verb -> {
            if (!verb.equals("parameters")) {
                documented.add(verb + " " + e.getKey());
            }
        }));
        Set<String> implemented = new TreeSet<>();
        ops.forEach(op -> implemented.add(op[1] + " " + op[0]));
        assertEquals(implemented, documented, "openapi.json documents operations that do not exist");
    }

    @Test
    void everyResourceMethodDeclaresItsAccess() {
        RestServer server = new RestServer(new InMemoryServices().services(), new TestAuthenticator(),
                new TokenService(new byte[32], java.time.Duration.ofMinutes(1), java.time.Clock.systemUTC()),
                RestConfig.defaults());
        for (Object resource : server.resources()) {
            for (Method m : resource.getClass().getDeclaredMethods()) {
                if (VERBS.stream().anyMatch(m::isAnnotationPresent)) {
                    assertTrue(m.isAnnotationPresent(Roles.class) ^ m.isAnnotationPresent(Public.class),
                            m + " needs exactly one of @Roles or @Public");
                }
            }
        }
    }
}
