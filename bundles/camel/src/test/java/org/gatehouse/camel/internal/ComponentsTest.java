package org.gatehouse.camel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.device.IngestResult;
import org.gatehouse.api.service.AlarmService.Transition;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComponentsTest {
    private final Fakes.Events events = new Fakes.Events();
    private final Fakes.Alarms alarms = new Fakes.Alarms();
    private final Fakes.Outbox outbox = new Fakes.Outbox();
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void setUp() {
        context = new DefaultCamelContext();
        GatehouseCamelContext.addComponents(context, events, alarms, outbox, Fakes.messages(outbox));
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    private void routes(RouteBuilder builder) throws Exception {
        context.addRoutes(builder);
    }

    @Test
    void eventConsumerDeliversMatchingEventsWithHeadersAndUnsubscribesOnStop() throws Exception {
        routes(new RouteBuilder() {
            @Override
            public void configure() {
                from("gatehouse-event:fence.*").routeId("ev").to("mock:out");
            }
        });
        assertEquals(1, events.subs.size());
        MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
        out.expectedMessageCount(1);
        SecurityEvent fence = Fakes.event("fence.intrusion", Severity.MAJOR);
        events.publish(fence);
        events.publish(Fakes.event("gate.passage", Severity.INFO));
        out.assertIsSatisfied();
        Exchange ex = out.getReceivedExchanges().get(0);
        assertEquals(fence, ex.getIn().getBody());
        assertEquals("fence.intrusion", ex.getIn().getHeader(GatehouseHeaders.EVENT_TYPE));
        assertEquals("fence-1", ex.getIn().getHeader(GatehouseHeaders.DEVICE_ID));
        assertEquals("MAJOR", ex.getIn().getHeader(GatehouseHeaders.SEVERITY));

        context.getRouteController().stopRoute("ev");
        assertTrue(events.subs.isEmpty());
    }

    @Test
    void eventProducerIngestsAndReturnsTheResult() {
        SecurityEvent e = Fakes.event("fence.intrusion", Severity.MAJOR);
        Object result = template.requestBody("gatehouse-event:ingest", e);
        assertEquals(new IngestResult(e, false), result);
        assertEquals(List.of(e), events.ingested);
    }

    @Test
    void eventIngestCannotConsumeAndPatternCannotProduce() {
        assertThrows(Exception.class, () -> template.requestBody("gatehouse-event:fence.*", "x"));
    }

    @Test
    void alarmConsumerDeliversOnlyTheConfiguredTransitions() throws Exception {
        routes(new RouteBuilder() {
            @Override
            public void configure() {
                from("gatehouse-alarm:raised").to("mock:default");
                from("gatehouse-alarm:raised?transitions=RAISED,ESCALATED").to("mock:both");
                // a second route on the same URI (two route bundles may follow the same transitions)
                from("gatehouse-alarm:raised").to("mock:again");
            }
        });
        MockEndpoint again = context.getEndpoint("mock:again", MockEndpoint.class);
        again.expectedMessageCount(1);
        MockEndpoint def = context.getEndpoint("mock:default", MockEndpoint.class);
        MockEndpoint both = context.getEndpoint("mock:both", MockEndpoint.class);
        def.expectedMessageCount(1);
        both.expectedMessageCount(2);
        both.expectedHeaderValuesReceivedInAnyOrder(GatehouseHeaders.ALARM_TRANSITION, "RAISED", "ESCALATED");
        Alarm a = Fakes.alarm(3, Severity.MAJOR, 1, 0);
        alarms.publish(Transition.RAISED, a);
        alarms.publish(Transition.REPEATED, a);
        alarms.publish(Transition.ESCALATED, a);
        alarms.publish(Transition.ACKNOWLEDGED, a);
        MockEndpoint.assertIsSatisfied(def, both, again);
        assertEquals(a, def.getReceivedExchanges().get(0).getIn().getBody());
    }

    @Test
    void alarmRaiseAndClear() {
        SecurityEvent e = Fakes.event("fence.intrusion", Severity.MAJOR);
        Alarm raised = (Alarm) template.requestBodyAndHeader("gatehouse-alarm:raise", e,
                GatehouseHeaders.ALARM_MESSAGE, "cut at post 4");
        assertEquals("cut at post 4", raised.message());
        Alarm cleared = (Alarm) template.requestBody("gatehouse-alarm:clear", e);
        assertEquals(7, cleared.id());
        assertEquals(List.of("raise fence.intrusion cut at post 4", "clear fence.intrusion"), alarms.calls);
    }

    @Test
    void alarmRejectsUnknownPathsAndOptions() {
        assertThrows(Exception.class, () -> context.getEndpoint("gatehouse-alarm:bogus"));
        assertThrows(Exception.class, () -> context.getEndpoint("gatehouse-alarm:raised?transitions=NOPE"));
        assertThrows(Exception.class, () -> context.getEndpoint("gatehouse-alarm:raised?colour=red"));
    }

    @Test
    void notifyRendersAnAlarmInChineseWithFilterDataAndDedupeKey() {
        Alarm a = Fakes.alarm(12, Severity.MAJOR, 3, 0);
        Object out = template.requestBodyAndHeader(
                "gatehouse-notify:sms?filter=RAW{(&(gatehouse.notify.provider=acme-sms)(x=y))}&language=zh-CN"
                        + "&recipient=duty",
                a, GatehouseHeaders.ALARM_TRANSITION, "RAISED");
        assertTrue(out instanceof OutboxMessage);
        Fakes.Outbox.Queued q = outbox.queued.get(0);
        assertEquals("sms", q.channel());
        assertEquals("(&(gatehouse.notify.provider=acme-sms)(x=y))", q.filter());
        assertEquals("alarm", q.kind());
        assertEquals("duty", q.recipient());
        assertEquals("zh-CN", q.language());
        assertEquals("告警 #12 [重大] fence.intrusion", q.subject());
        assertEquals("告警 #12 [重大] fence.intrusion 区域 north-fence 设备 fence-1，共 3 次", q.text());
        assertEquals("alarm-12-RAISED-3-sms", q.dedupeKey());
        Map<String, String> d = q.data();
        assertEquals("12", d.get("alarmId"));
        assertEquals("RAISED", d.get("state"));
        assertEquals("MAJOR", d.get("severity"));
        assertEquals("fence.intrusion", d.get("type"));
        assertEquals("campus", d.get("siteId"));
        assertEquals("north-fence", d.get("zoneId"));
        assertEquals("fence-1", d.get("deviceId"));
        assertEquals("3", d.get("count"));
        assertEquals("2026-01-01T00:00:00Z", d.get("firstAt"));
        assertEquals("2026-01-01T00:01:00Z", d.get("lastAt"));
        assertEquals("0", d.get("escalationLevel"));
        assertEquals("RAISED", d.get("transition"));
    }

    @Test
    void notifyEnglishDefaultsAndEscalationKey() {
        Alarm a = Fakes.alarm(12, Severity.MAJOR, 3, 2);
        template.requestBodyAndHeader("gatehouse-notify:webhook", a, GatehouseHeaders.ALARM_TRANSITION, "ESCALATED");
        Fakes.Outbox.Queued q = outbox.queued.get(0);
        assertNull(q.filter());
        assertNull(q.recipient());
        assertEquals("en", q.language());
        assertEquals("Alarm #12 MAJOR fence.intrusion escalated to level 2", q.subject());
        assertEquals("Alarm #12 MAJOR fence.intrusion at north-fence (device fence-1), 3 times, escalation level 2",
                q.text());
        assertEquals("alarm-12-ESCALATED.2-3-webhook", q.dedupeKey());
    }

    @Test
    void notifyStringAndMapBodies() {
        template.requestBodyAndHeader("gatehouse-notify:im?kind=shift&recipient=a", "Gate 3 left open\nsince 22:00",
                GatehouseHeaders.NOTIFY_RECIPIENT, "b");
        template.requestBody("gatehouse-notify:email", Map.of("subject", "S", "text", "T", "n", 1));
        Fakes.Outbox.Queued s = outbox.queued.get(0);
        assertEquals("shift", s.kind());
        assertEquals("b", s.recipient());
        assertEquals("Gate 3 left open", s.subject());
        assertNull(s.dedupeKey());
        Fakes.Outbox.Queued m = outbox.queued.get(1);
        assertEquals("message", m.kind());
        assertEquals("S", m.subject());
        assertEquals("T", m.text());
        assertEquals("1", m.data().get("n"));
    }

    @Test
    void notifyPriorityFollowsTheAlarmAndTheFallbackIsPassedOn() {
        template.requestBodyAndHeader("gatehouse-notify:push?fallback=sms", Fakes.alarm(1, Severity.CRITICAL, 1, 0),
                GatehouseHeaders.NOTIFY_FALLBACK_RECIPIENT, "+8613800000001");
        template.requestBody("gatehouse-notify:push", Fakes.alarm(2, Severity.MAJOR, 1, 0));
        template.requestBody("gatehouse-notify:push?priority=low", Fakes.alarm(3, Severity.CRITICAL, 1, 0));
        var r = outbox.requests;
        assertEquals(org.gatehouse.api.service.OutboxService.Priority.CRITICAL, r.get(0).priority());
        assertEquals("sms", r.get(0).fallbackChannel());
        assertEquals("+8613800000001", r.get(0).fallbackRecipient());
        assertEquals(org.gatehouse.api.service.OutboxService.Priority.NORMAL, r.get(1).priority());
        assertNull(r.get(1).fallbackChannel());
        assertEquals(org.gatehouse.api.service.OutboxService.Priority.LOW, r.get(2).priority());
        assertThrows(Exception.class, () -> template.requestBody("gatehouse-notify:push?priority=urgent",
                Fakes.alarm(4, Severity.MAJOR, 1, 0)));
    }

    @Test
    void zoneStaffGetOneMessageEachInTheirLanguageBySmsWithEmailFallback() throws Exception {
        org.gatehouse.api.Person wang = new org.gatehouse.api.Person("staff-wang", "王保安", org.gatehouse.api.PersonRole.STAFF,
                "+8613800000101", "wang@school.example", "zh-CN", "security");
        org.gatehouse.api.Person kim = new org.gatehouse.api.Person("staff-kim", "Kim", org.gatehouse.api.PersonRole.STAFF,
                null, "kim@school.example", "en", "teachers");
        org.gatehouse.api.service.PersonService persons = (org.gatehouse.api.service.PersonService)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.gatehouse.api.service.PersonService.class}, (proxy, method, args) -> {
                            if (method.getName().equals("zoneContacts") && "north-fence".equals(args[0])) {
                                return List.of(
                                        new org.gatehouse.api.service.PersonService.Contact(wang, "sms", wang.phone(), "zh-CN"),
                                        new org.gatehouse.api.service.PersonService.Contact(wang, "email", wang.email(), "zh-CN"),
                                        new org.gatehouse.api.service.PersonService.Contact(kim, "email", kim.email(), "en"));
                            }
                            if (method.getName().equals("zoneContacts")) {
                                return List.of();
                            }
                            throw new UnsupportedOperationException(method.getName());
                        });
        context.removeComponent("gatehouse-notify");
        context.addComponent("gatehouse-notify", new NotifyComponent(outbox, Fakes.messages(outbox, persons,
                Fakes.unsupported(org.gatehouse.api.service.DutyService.class), Fakes.templates())));
        Object out = template.requestBody("gatehouse-notify:zone-staff", Fakes.alarm(7, Severity.CRITICAL, 1, 0));
        assertEquals(2, ((List<?>) out).size());
        var r = outbox.requests;
        assertEquals("sms", r.get(0).channel());
        assertEquals("+8613800000101", r.get(0).recipient());
        assertEquals("email", r.get(0).fallbackChannel());
        assertEquals("wang@school.example", r.get(0).fallbackRecipient());
        assertTrue(r.get(0).subject().startsWith("告警 #7"), r.get(0).subject());
        assertEquals(org.gatehouse.api.service.OutboxService.Priority.CRITICAL, r.get(0).priority());
        assertEquals("email", r.get(1).channel());
        assertEquals("kim@school.example", r.get(1).recipient());
        assertTrue(r.get(1).subject().startsWith("Alarm #7"), r.get(1).subject());
        assertEquals("staff-kim", r.get(1).data().get("personId"));

        assertThrows(Exception.class, () -> template.requestBody("gatehouse-notify:zone-staff", "not an alarm"));
    }

    @Test
    void onDutyGetsOneMessageEachForThePostAskedFor() throws Exception {
        org.gatehouse.api.Person chen = new org.gatehouse.api.Person("staff-chen", "陈校长", org.gatehouse.api.PersonRole.STAFF,
                "+8613800000104", "chen@school.example", "zh-CN", "leaders");
        org.gatehouse.api.Person zhao = new org.gatehouse.api.Person("staff-zhao", "Zhao", org.gatehouse.api.PersonRole.STAFF,
                null, "zhao@school.example", "en", "security");
        List<String> asked = new java.util.ArrayList<>();
        org.gatehouse.api.service.DutyService duty = (org.gatehouse.api.service.DutyService)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.gatehouse.api.service.DutyService.class}, (proxy, method, args) -> {
                            if (method.getName().equals("contacts")) {
                                asked.add(String.valueOf(args[0]));
                                var leader = new org.gatehouse.api.service.PersonService.Contact(chen, "sms", chen.phone(), "zh-CN");
                                var guard = new org.gatehouse.api.service.PersonService.Contact(zhao, "email", zhao.email(), "en");
                                return "leader".equals(args[0]) ? List.of(leader) : List.of(guard, leader);
                            }
                            throw new UnsupportedOperationException(method.getName());
                        });
        org.gatehouse.api.service.DutyService noRoster = (org.gatehouse.api.service.DutyService)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.gatehouse.api.service.DutyService.class}, (proxy, method, args) -> List.of());
        java.util.concurrent.atomic.AtomicReference<org.gatehouse.api.service.DutyService> roster =
                new java.util.concurrent.atomic.AtomicReference<>(noRoster);
        org.gatehouse.api.service.DutyService current = (org.gatehouse.api.service.DutyService)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.gatehouse.api.service.DutyService.class},
                        (proxy, method, args) -> method.invoke(roster.get(), args));
        NotifyComponent notify = new NotifyComponent(outbox, Fakes.messages(outbox,
                Fakes.unsupported(org.gatehouse.api.service.PersonService.class), current, Fakes.templates()));
        context.removeComponent("gatehouse-notify");
        context.addComponent("gatehouse-notify", notify);
        org.gatehouse.api.Alarm alarm = Fakes.alarm(9, Severity.CRITICAL, 1, 0);
        assertEquals(List.of(), template.requestBody("gatehouse-notify:on-duty", alarm), "no roster: nobody");
        roster.set(duty);
        Object all = template.requestBody("gatehouse-notify:on-duty", alarm);
        assertEquals(2, ((List<?>) all).size());
        assertEquals("email", outbox.requests.get(0).channel());
        assertTrue(outbox.requests.get(0).subject().startsWith("Alarm #9"));
        assertEquals("sms", outbox.requests.get(1).channel());
        assertEquals("email", outbox.requests.get(1).fallbackChannel(), "SMS falls back to the leader's e-mail");
        assertEquals(org.gatehouse.api.service.OutboxService.Priority.CRITICAL, outbox.requests.get(1).priority());
        template.requestBodyAndHeader("gatehouse-notify:on-duty?post=leader", Fakes.alarm(9, Severity.CRITICAL, 1, 1),
                GatehouseHeaders.ALARM_TRANSITION, "ESCALATED");
        assertEquals(List.of("null", "leader"), asked);
        var escalated = outbox.requests.get(2);
        assertEquals("+8613800000104", escalated.recipient());
        assertTrue(escalated.subject().contains("升级") || escalated.subject().contains("1"), escalated.subject());
        assertEquals("leader", escalated.data().get("dutyPost"));
        assertTrue(escalated.dedupeKey().contains("ESCALATED.1") && escalated.dedupeKey().endsWith("sms-staff-chen"),
                escalated.dedupeKey());
    }

    @Test
    void aCustomAlarmTemplateRendersAlarmsAndTheDefaultTextOtherwise() throws Exception {
        java.util.Map<String, java.util.Map<String, String>> seen = new java.util.HashMap<>();
        org.gatehouse.api.service.TemplateService real = Fakes.templates();
        org.gatehouse.api.service.TemplateService templates = (org.gatehouse.api.service.TemplateService)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.gatehouse.api.service.TemplateService.class}, (proxy, method, args) -> {
                            if (method.getName().equals("render")) {
                                @SuppressWarnings("unchecked")
                                java.util.Map<String, String> v = (java.util.Map<String, String>) args[2];
                                seen.put((String) args[1], v);
                            }
                            return method.invoke(real, args);
                        });
        // only the English one is overridden
        real.save("alarm", "en", "[{{severity}}] #{{alarmId}} {{status}}", "at {{place}} ({{type}})", "test");
        try {
            aCustomAlarmTemplate(templates, seen);
        } finally {
            real.reset("alarm", "en", "test");
        }
    }

    private void aCustomAlarmTemplate(org.gatehouse.api.service.TemplateService templates,
                                      java.util.Map<String, java.util.Map<String, String>> seen) {
        NotifyComponent notify = new NotifyComponent(outbox, Fakes.messages(outbox,
                Fakes.unsupported(org.gatehouse.api.service.PersonService.class),
                Fakes.unsupported(org.gatehouse.api.service.DutyService.class), templates));
        context.removeComponent("gatehouse-notify");
        context.addComponent("gatehouse-notify", notify);
        template.requestBodyAndHeader("gatehouse-notify:sms?language=en", Fakes.alarm(5, Severity.MAJOR, 1, 2),
                GatehouseHeaders.ALARM_TRANSITION, "ESCALATED");
        template.requestBody("gatehouse-notify:sms?language=zh-CN", Fakes.alarm(6, Severity.MAJOR, 1, 0));
        assertEquals("[MAJOR] #5 escalated to level 2", outbox.requests.get(0).subject());
        assertTrue(outbox.requests.get(0).text().startsWith("at "), outbox.requests.get(0).text());
        assertEquals("ESCALATED", seen.get("en").get("transition"));
        assertTrue(outbox.requests.get(1).subject().startsWith("告警 #6"), "no zh-CN override: the default text");
    }

    @Test
    void guardiansGetAPassageInTheirLanguageOnTheirChannelWithTheSnapshotLink() throws Exception {
        org.gatehouse.api.Person mum = new org.gatehouse.api.Person("g-li", "李妈妈", org.gatehouse.api.PersonRole.GUARDIAN,
                "+8613800000201", null, "zh-CN", null);
        org.gatehouse.api.Person dad = new org.gatehouse.api.Person("g-smith", "John", org.gatehouse.api.PersonRole.GUARDIAN,
                null, "john@home.example", "en", null);
        org.gatehouse.api.Person kid = new org.gatehouse.api.Person("stu-li", "李小明", org.gatehouse.api.PersonRole.STUDENT,
                null, null, null, "3-2");
        org.gatehouse.api.service.PersonService persons = (org.gatehouse.api.service.PersonService)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.gatehouse.api.service.PersonService.class}, (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "guardianContacts":
                                    return "stu-li".equals(args[0]) ? List.of(
                                            new org.gatehouse.api.service.PersonService.Contact(mum, "sms", mum.phone(), "zh-CN"),
                                            new org.gatehouse.api.service.PersonService.Contact(dad, "email", dad.email(), "en"))
                                            : List.of();
                                case "person":
                                    return "stu-li".equals(args[0]) ? java.util.Optional.of(kid) : java.util.Optional.empty();
                                default:
                                    throw new UnsupportedOperationException(method.getName());
                            }
                        });
        java.util.Map<String, java.util.Map<String, String>> seen = new java.util.HashMap<>();
        org.gatehouse.api.service.TemplateService templates = (org.gatehouse.api.service.TemplateService)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.gatehouse.api.service.TemplateService.class}, (proxy, method, args) -> {
                            @SuppressWarnings("unchecked")
                            java.util.Map<String, String> v = (java.util.Map<String, String>) args[2];
                            seen.put(args[0] + "/" + args[1], v);
                            return new org.gatehouse.api.service.TemplateService.Rendered(v.get("student") + " "
                                    + v.get("direction"), v.get("student") + " " + v.get("time") + " " + v.get("gate")
                                    + " " + v.get("direction") + " " + v.get("temperature"));
                        });
        context.removeComponent("gatehouse-notify");
        context.addComponent("gatehouse-notify", new NotifyComponent(outbox, Fakes.messages(outbox, persons,
                Fakes.unsupported(org.gatehouse.api.service.DutyService.class), templates)));
        org.gatehouse.api.SecurityEvent e = new org.gatehouse.api.SecurityEvent("passage-42",
                java.time.Instant.parse("2026-03-02T23:55:00Z"), "s1", "gate-1", "main-gate", "gate.passage",
                Severity.INFO, java.util.Map.of("passageId", "42", "direction", "in", "personId", "stu-li",
                "temperature", "36.6"), "passages/42/snapshot", "stu-li");
        Object out = template.requestBodyAndHeaders("gatehouse-notify:guardians", e, java.util.Map.of(
                GatehouseHeaders.SNAPSHOT_URL, "https://school.example/api/passages/42/snapshot",
                GatehouseHeaders.GATE_NAME, "正门闸机 1"));
        assertEquals(2, ((List<?>) out).size());
        var r = outbox.requests;
        assertEquals("sms", r.get(0).channel());
        assertEquals("+8613800000201", r.get(0).recipient());
        assertEquals("gate.passage", r.get(0).kind());
        assertEquals("zh-CN", r.get(0).language());
        assertEquals("李小明 07:55 正门闸机 1 入校 体温 36.6℃。", r.get(0).text(), "07:55 next day in Shanghai");
        assertEquals("passage:42:g-li", r.get(0).dedupeKey());
        assertEquals("https://school.example/api/passages/42/snapshot", r.get(0).data().get("snapshotUrl"));
        assertEquals("stu-li", r.get(0).data().get("studentId"));
        assertEquals("email", r.get(1).channel());
        assertEquals("john@home.example", r.get(1).recipient());
        assertEquals("李小明 entered school", r.get(1).subject());
        assertEquals("passage:42:g-smith", r.get(1).dedupeKey());
        assertEquals("Body temperature 36.6 °C.", seen.get("gate.passage/en").get("temperature"));

        org.gatehouse.api.SecurityEvent out2 = new org.gatehouse.api.SecurityEvent("passage-43", e.time(), "s1", "gate-2",
                "main-gate", "gate.passage", Severity.INFO, java.util.Map.of("passageId", "43", "direction", "out"),
                null, "stu-li");
        template.requestBody("gatehouse-notify:guardians?timezone=UTC", out2);
        assertEquals("李小明 23:55 gate-2 离校 ", r.get(2).text(), "no gate name: the device id; no temperature");
        assertEquals(null, r.get(2).data().get("snapshotUrl"));
        Object none = template.requestBody("gatehouse-notify:guardians", new org.gatehouse.api.SecurityEvent("x",
                e.time(), "s1", "gate-1", null, "gate.stranger", Severity.INFO, java.util.Map.of(), null, null));
        assertEquals(0, ((List<?>) none).size(), "a stranger has no guardians");
        assertThrows(Exception.class, () -> template.requestBody("gatehouse-notify:guardians", "not an event"));
        assertThrows(Exception.class, () -> template.requestBody("gatehouse-notify:guardians?timezone=Mars/Base", e));
    }
}
