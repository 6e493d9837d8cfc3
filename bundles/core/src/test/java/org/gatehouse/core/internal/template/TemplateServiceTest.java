package org.gatehouse.core.internal.template;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.service.TemplateService.Rendered;
import org.gatehouse.api.service.TemplateService.Template;
import org.junit.jupiter.api.Test;

class TemplateServiceTest {
    private final Platform p = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());

    private static GatehouseException error(Runnable r) {
        return assertThrows(GatehouseException.class, r::run);
    }

    @Test
    void gatePassageDefaultsInBothLanguages() {
        Rendered zh = p.templates.render("gate.passage", "zh-CN", Map.of("student", "张小明", "time", "07:55",
                "gate", "正门 1 号闸机", "direction", "入校", "temperature", "体温 36.6℃。"));
        assertEquals("【到离校】张小明入校", zh.subject());
        assertEquals("孩子 张小明 07:55 经 正门 1 号闸机 入校。体温 36.6℃。", zh.text());
        Rendered en = p.templates.render("gate.passage", "en", Map.of("student", "Tom", "time", "16:30",
                "gate", "Gate 2", "direction", "left school"));
        assertEquals("Tom left school", en.subject());
        assertEquals("Your child Tom left school at 16:30 through Gate 2.", en.text().strip());
    }

    @Test
    void everyKindShipsValidDefaultsInBothLanguages() {
        assertTrue(p.templates.kinds().size() >= 8, "alarm + 4 safety + closure + pick-up + announcement");
        for (var k : p.templates.kinds()) {
            for (String lang : new String[] {"zh-CN", "en"}) {
                Template t = p.templates.template(k.kind(), lang).orElseThrow();
                assertFalse(t.custom());
                TemplateServiceImpl.check(k, t.subject(), t.body()); // also checked when the service is built
            }
        }
        Rendered r = p.templates.render("notice.safety.drowning", "zh-CN", Map.of("school", "示范学校",
                "guardian", "张父", "student", "张小明"));
        assertEquals("【示范学校】防溺水安全提醒", r.subject());
        assertTrue(r.text().startsWith("张父您好") && r.text().contains("请提醒张小明"), r.text());
        assertEquals("Demo School: drowning prevention reminder",
                p.templates.render("notice.safety.drowning", "en-GB", Map.of("school", "Demo School")).subject());
    }

    @Test
    void savingChecksVariablesAndSyntaxAtSaveTime() {
        GatehouseException e = error(() -> p.templates.save("notice.closure", "en", "{{school}} closed",
                "Closed on {{date}} because of {{reason}}. Bring {{umbrella}}.", "admin"));
        assertEquals("template-unknown-variable", e.code());
        assertTrue(e.getMessage().contains("umbrella") && e.getMessage().contains("reason"), e.getMessage());

        e = error(() -> p.templates.save("notice.closure", "en", "{{school}} closed", "Closed on {{date}}.", "admin"));
        assertEquals("template-missing-variable", e.code());
        assertTrue(e.getMessage().contains("{{reason}}"), e.getMessage());

        assertEquals("template-syntax", error(() -> p.templates.save("notice.closure", "en", "{{school}} closed",
                "Closed on {{date} because of {{reason}}", "admin")).code());
        assertEquals("template-syntax", error(() -> p.templates.save("notice.closure", "en", "{{school}} closed",
                "Closed on date}} {{date}} {{reason}}", "admin")).code());
        GatehouseException bad = error(() -> p.templates.save("notice.closure", "en", "{{school}} closed",
                "line one\n{{ 2x }} {{date}} {{reason}}", "admin"));
        assertEquals("template-syntax", bad.code());
        assertTrue(bad.getMessage().contains("body line 2"), bad.getMessage());
        assertEquals("unknown-template-kind", error(() -> p.templates.save("notice.nope", "en", "a", "b", "admin")).code());
        assertEquals("bad-language", error(() -> p.templates.save("notice.closure", "fr", "a", "b", "admin")).code());
        assertEquals("template-missing-variable", error(() -> p.templates.save("alarm", "zh-CN", "告警",
                "{{alarmId}} {{type}} {{place}}", "admin")).code(), "alarm templates need the severity too");
    }

    @Test
    void anOverrideWinsUntilReset() {
        Template saved = p.templates.save("notice.closure", "en", "{{school}}: closed {{date}}",
                "No school on {{date}}: {{ reason }}.", "admin");
        assertTrue(saved.custom());
        assertEquals("No school on 2026-07-01: typhoon.", p.templates.render("notice.closure", "en",
                Map.of("school", "S", "date", "2026-07-01", "reason", "typhoon")).text());
        assertTrue(p.templates.template("notice.closure", "en").orElseThrow().custom());
        assertEquals("template-missing-value", error(() -> p.templates.render("notice.closure", "en",
                Map.of("school", "S", "date", "2026-07-01"))).code());
        assertEquals("template-save", p.audit.query("template", "notice.closure/en", null, 0, 1).items().get(0).action());
        p.templates.reset("notice.closure", "en", "admin");
        assertFalse(p.templates.template("notice.closure", "en").orElseThrow().custom());
        assertEquals(2, p.templates.templates("notice.closure").size());
    }
}
