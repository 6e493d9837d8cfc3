package org.gatehouse.rest.internal.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.gatehouse.rest.internal.InMemoryServices;
import org.gatehouse.rest.internal.common.ApiException;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

/** The metatype-to-form mapping, secret masking, validation and feature jobs of {@link PluginAdmin}. */
class PluginAdminTest {
    final MemoryPlatform platform = new MemoryPlatform();
    final InMemoryServices mem = new InMemoryServices();
    final PluginAdmin admin = new PluginAdmin(() -> platform, mem.services(), 5_000);

    @Test
    void metatypeBecomesAForm() {
        PluginAdmin.FactoryView f = PluginAdmin.factory(MemoryPlatform.SMS, MemoryPlatform.sms());
        assertEquals("HTTP SMS gateway", f.name());
        Map<String, PluginAdmin.AttributeView> byId = new LinkedHashMap<>();
        f.attributes().forEach(a -> byId.put(a.id(), a));
        assertEquals(List.of("url", "api.key", "password", "timeout.ms", "method", "enabled", "headers", "provider"),
                List.copyOf(byId.keySet()));
        PluginAdmin.AttributeView url = byId.get("url");
        assertEquals("string", url.type());
        assertTrue(url.required());
        assertFalse(url.secret());
        assertEquals(List.of(), url.defaults());
        assertEquals("integer", byId.get("timeout.ms").type());
        assertEquals(List.of("5000"), byId.get("timeout.ms").defaults());
        assertEquals("boolean", byId.get("enabled").type());
        assertEquals("password", byId.get("password").type());
        assertTrue(byId.get("password").secret());
        assertTrue(byId.get("api.key").secret(), "an id naming a key is a secret");
        assertEquals(List.of(new PluginAdmin.OptionView("GET (query)", "GET"),
                new PluginAdmin.OptionView("POST (form)", "POST")), byId.get("method").options());
        assertEquals(10, byId.get("headers").cardinality());
        assertFalse(byId.get("headers").required());
    }

    @Test
    void typeNamesAndSecretWords() {
        assertEquals("long", PluginAdmin.type(AttributeDefinition.LONG));
        assertEquals("double", PluginAdmin.type(AttributeDefinition.DOUBLE));
        assertEquals("double", PluginAdmin.type(AttributeDefinition.FLOAT));
        assertEquals("char", PluginAdmin.type(AttributeDefinition.CHARACTER));
        assertEquals("integer", PluginAdmin.type(AttributeDefinition.SHORT));
        assertEquals("string", PluginAdmin.type(AttributeDefinition.STRING));
        assertTrue(PluginAdmin.secret("smtp.password", AttributeDefinition.STRING));
        assertTrue(PluginAdmin.secret("hmac.secret", AttributeDefinition.STRING));
        assertTrue(PluginAdmin.secret("access.token", AttributeDefinition.STRING));
        assertTrue(PluginAdmin.secret("APIKEY", AttributeDefinition.STRING));
        assertTrue(PluginAdmin.secret("pin", AttributeDefinition.PASSWORD));
        assertFalse(PluginAdmin.secret("url", AttributeDefinition.STRING));
    }

    @Test
    void secretsAreMaskedUnlessEmpty() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("url", "https://sms.example");
        props.put("api.key", "k-123");
        props.put("password", "");
        props.put("other.token", "t");
        Map<String, Object> masked = PluginAdmin.mask(props, MemoryPlatform.sms());
        assertEquals("https://sms.example", masked.get("url"));
        assertEquals(PluginAdmin.MASK, masked.get("api.key"));
        assertEquals("", masked.get("password"), "an empty secret shows that it is not set");
        assertEquals(PluginAdmin.MASK, masked.get("other.token"), "an attribute outside the metatype by its name");
    }

    @Test
    void validationNamesEachFieldsProblem() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("timeout.ms", "soon");
        in.put("method", "PUT");
        in.put("enabled", "yes");
        in.put("colour", "blue");
        in.put("headers", List.of("a: b"));
        in.put("provider", List.of("x", "y"));
        List<PluginAdmin.Problem> problems = new ArrayList<>();
        PluginAdmin.validate(MemoryPlatform.sms(), in, Map.of(), problems);
        Map<String, String> codes = new LinkedHashMap<>();
        problems.forEach(p -> codes.put(p.field(), p.code()));
        assertEquals(Map.of("timeout.ms", "bad-type", "method", "not-an-option", "enabled", "bad-type",
                "colour", "unknown-attribute", "provider", "not-a-list", "url", "required"), codes);
        assertTrue(problems.stream().anyMatch(p -> p.message().equals("must be one of GET, POST")));
    }

    @Test
    void validValuesAreStoredAsStringsAndTheMetatypesOwnCheckApplies() {
        List<PluginAdmin.Problem> problems = new ArrayList<>();
        Map<String, Object> out = PluginAdmin.validate(MemoryPlatform.sms(), Map.of("url", "https://sms.example",
                "timeout.ms", 3000, "enabled", false, "headers", List.of("a: 1", "b: 2"),
                "sms.filter.target", "(x=y)"), Map.of(), problems);
        assertEquals(List.of(), problems);
        assertEquals("3000", out.get("timeout.ms"));
        assertEquals("false", out.get("enabled"));
        assertArrayEquals(new String[] {"a: 1", "b: 2"}, (String[]) out.get("headers"));
        assertEquals("(x=y)", out.get("sms.filter.target"));
        PluginAdmin.validate(MemoryPlatform.sms(), Map.of("url", "ftp://x"), Map.of(), problems);
        assertEquals(List.of(new PluginAdmin.Problem("url", "invalid", "not an http(s) URL")), problems);
    }

    @Test
    void theMaskKeepsTheStoredSecret() {
        List<PluginAdmin.Problem> problems = new ArrayList<>();
        Map<String, Object> out = PluginAdmin.validate(MemoryPlatform.sms(), Map.of("url", "https://a",
                "api.key", PluginAdmin.MASK, "password", PluginAdmin.MASK), Map.of("api.key", "k-123"), problems);
        assertEquals("k-123", out.get("api.key"));
        assertEquals(List.of(new PluginAdmin.Problem("password", "no-stored-secret",
                "has no stored value to keep; send the value")), problems);
    }

    @Test
    void instancesAreCreatedCheckedAndAudited() {
        PluginAdmin.InstanceView i = admin.create(MemoryPlatform.SMS, "school-sms",
                Map.of("url", "https://sms.example", "api.key", "k-1"), "integ");
        assertEquals(MemoryPlatform.SMS + "~school-sms", i.pid());
        assertEquals(PluginAdmin.MASK, i.properties().get("api.key"));
        assertEquals("active", i.status());
        assertEquals(null, i.message(), "the HealthService reports nothing of it");
        PluginAdmin.InstanceView gate = admin.create(MemoryPlatform.SMS, "gate", Map.of("url", "https://g",
                "provider", "gate-1"), "integ");
        assertEquals("driver gate-1: ONLINE", gate.message(), "joined with the HealthService's plugin by its id");
        admin.delete(gate.pid(), "integ");
        assertEquals("k-1", platform.instances.get(i.pid()).properties().get("api.key"));
        ApiException exists = assertThrows(ApiException.class, () -> admin.create(MemoryPlatform.SMS, "school-sms",
                Map.of("url", "https://b"), "integ"));
        assertEquals(409, exists.status());
        PluginAdmin.InvalidConfig bad = assertThrows(PluginAdmin.InvalidConfig.class, () -> admin.create(
                MemoryPlatform.SMS, "School SMS", Map.of("url", "https://b"), "integ"));
        assertEquals("alias", bad.body().problems().get(0).field());
        assertEquals(404, assertThrows(ApiException.class, () -> admin.create("org.gatehouse.nothing", "a",
                Map.of(), "integ")).status());
        admin.update(i.pid(), Map.of("url", "https://c", "api.key", PluginAdmin.MASK), "integ");
        assertEquals("k-1", platform.instances.get(i.pid()).properties().get("api.key"));
        assertEquals("https://c", platform.instances.get(i.pid()).properties().get("url"));
        admin.delete(i.pid(), "integ");
        assertTrue(platform.instances.isEmpty());
        List<String> audit = new ArrayList<>(mem.audit.query(null, null, null, 0, 100).items().stream()
                .map(e -> e.action() + " " + e.subjectId() + " " + e.detail()).toList());
        java.util.Collections.reverse(audit);
        audit.removeIf(a -> a.contains("~gate "));
        assertEquals(List.of("plugin-instance-created " + i.pid() + " keys: api.key, url",
                "plugin-instance-updated " + i.pid() + " keys: api.key, url",
                "plugin-instance-deleted " + i.pid() + " null"), audit);
        assertFalse(audit.toString().contains("k-1"), "never a secret in the audit trail");
    }

    @Test
    void featuresAreTheGatehouseOnesWithTheRequiredMarked() {
        Map<String, Boolean> required = new LinkedHashMap<>();
        admin.features().forEach(f -> required.put(f.name(), f.required()));
        assertEquals(Map.of("gatehouse", true, "gatehouse-core", true, "gatehouse-shell", true,
                "gatehouse-demo", false, "gatehouse-notify-mqtt", false), required);
    }

    @Test
    void featureJobsRefuseThePlatformAndAnswerLateJobsLater() throws Exception {
        assertEquals(409, assertThrows(ApiException.class, () -> admin.uninstall("gatehouse-shell", "integ"))
                .status());
        assertEquals(404, assertThrows(ApiException.class, () -> admin.install("camel-core", "integ")).status());
        assertTrue(admin.install("gatehouse-notify-mqtt", "integ").feature().installed());
        PluginAdmin slow = new PluginAdmin(() -> platform, mem.services(), 50);
        platform.gate = new CountDownLatch(1);
        PluginAdmin.FeatureResult r = slow.uninstall("gatehouse-notify-mqtt", "integ");
        assertTrue(r.running());
        assertEquals("uninstalling", r.feature().state());
        assertEquals(409, assertThrows(ApiException.class, () -> slow.install("gatehouse-notify-mqtt", "integ"))
                .status());
        platform.gate.countDown();
        long end = System.currentTimeMillis() + 5000;
        while (slow.features().stream().anyMatch(f -> f.name().equals("gatehouse-notify-mqtt") && f.installed())
                && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        PluginAdmin.FeatureView after = slow.features().stream()
                .filter(f -> f.name().equals("gatehouse-notify-mqtt")).findFirst().orElseThrow();
        assertFalse(after.installed());
        assertEquals(null, after.state());
        assertEquals(List.of("install gatehouse-notify-mqtt", "uninstall gatehouse-notify-mqtt"), platform.jobs);
        slow.close();
    }

    @Test
    void withoutTheContainerOrItsFeatureServiceTheAnswerIs503() {
        platform.featuresPresent = false;
        assertEquals(503, assertThrows(ApiException.class, admin::features).status());
        assertEquals(503, assertThrows(ApiException.class,
                new PluginAdmin(() -> null, mem.services(), 10)::instances).status());
    }
}
