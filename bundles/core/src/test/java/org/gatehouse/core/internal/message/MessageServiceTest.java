package org.gatehouse.core.internal.message;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.service.AlarmService.Transition;
import org.gatehouse.api.service.DutyService.Shift;
import org.gatehouse.api.service.MessageService.Delivery;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.OutboxService.Priority;
import org.gatehouse.api.service.OutboxService.Request;
import org.gatehouse.api.service.TemplateService.Rendered;
import org.junit.jupiter.api.Test;

/** The message service on the real core: Derby, persons, duty roster, templates and outbox. */
class MessageServiceTest {
    private final Platform p = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());
    /** The real outbox, recording what the message service asks it to queue. */
    private final Recording outbox = new Recording(p.outbox);
    private final MessageServiceImpl messages = new MessageServiceImpl(p.persons, p.duty, p.templates, outbox, p.sites);

    MessageServiceTest() {
        p.sites.saveSite(new Site("s1", "示范学校", "Asia/Shanghai", null), "t");
        person("staff-wang", "王保安", PersonRole.STAFF, "+8613800000101", "wang@school.example", "zh-CN", "security");
        person("staff-kim", "Kim", PersonRole.STAFF, null, "kim@school.example", "en", "teachers");
        person("staff-chen", "陈校长", PersonRole.STAFF, "+8613800000104", "chen@school.example", "en", "leaders");
        p.sites.saveZone(new Zone("north-fence", "s1", "North fence", ZoneKind.PERIMETER, true,
                List.of("staff-wang", "staff-kim")), "t");
    }

    private void person(String id, String name, PersonRole role, String phone, String email, String lang, String group) {
        p.persons.savePerson(new Person(id, name, role, phone, email, lang, group), "t");
    }

    static Alarm alarm(long id, Severity severity, int count, int level) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Alarm(id, "fence-1/fence.intrusion", "fence.intrusion", severity, "s1", "north-fence", "fence-1",
                null, AlarmState.RAISED, count, t, t.plusSeconds(60), "e-9", level, null, null, null, null, null);
    }

    private static Delivery to(String channel, String language) {
        return new Delivery(channel, null, null, null, language, null, null, null);
    }

    /** An outbox that queues in the real one and keeps the requests. */
    static final class Recording implements OutboxService {
        final OutboxService real;
        final List<Request> requests = new CopyOnWriteArrayList<>();

        Recording(OutboxService real) {
            this.real = real;
        }

        @Override
        public OutboxMessage enqueue(Request r) {
            requests.add(r);
            return real.enqueue(r);
        }

        @Override
        public boolean receipt(String provider, String providerMessageId, boolean delivered, String detail) {
            return real.receipt(provider, providerMessageId, delivered, detail);
        }

        @Override
        public Optional<OutboxMessage> get(String id) {
            return real.get(id);
        }

        @Override
        public Page<OutboxMessage> query(OutboxMessage.Status status, int offset, int limit) {
            return real.query(status, offset, limit);
        }
    }

    // ---- the default alarm texts (formerly camel's AlarmText) ----

    @Test
    void englishAndChineseAlarmTexts() {
        Alarm a = alarm(12, Severity.MAJOR, 3, 0);
        assertEquals("Alarm #12 MAJOR fence.intrusion at north-fence (device fence-1), 3 times",
                messages.render(a, Transition.RAISED, "en").text());
        assertEquals("告警 #12 [重大] fence.intrusion 区域 north-fence 设备 fence-1，共 3 次",
                messages.render(a, Transition.RAISED, "zh-CN").text());
        assertEquals("Alarm #12 MAJOR fence.intrusion cleared", messages.render(a, Transition.CLEARED, "en").subject());
        assertEquals("告警 #12 [重大] fence.intrusion 已恢复", messages.render(a, Transition.CLEARED, "zh").subject());
        Alarm escalated = alarm(12, Severity.MAJOR, 3, 2);
        Rendered en = messages.render(escalated, Transition.ESCALATED, "en");
        assertEquals("Alarm #12 MAJOR fence.intrusion escalated to level 2", en.subject());
        assertEquals("Alarm #12 MAJOR fence.intrusion at north-fence (device fence-1), 3 times, escalation level 2",
                en.text());
        Rendered zh = messages.render(escalated, Transition.ESCALATED, "zh-CN");
        assertEquals("告警 #12 [重大] fence.intrusion 已升级至第 2 级", zh.subject());
        assertEquals("告警 #12 [重大] fence.intrusion 区域 north-fence 设备 fence-1，共 3 次，升级第 2 级", zh.text());
        assertEquals("Alarm #12 MAJOR fence.intrusion repeated", messages.render(a, Transition.REPEATED, "en").subject());
        assertEquals("告警 #12 [重大] fence.intrusion 已确认",
                messages.render(a, Transition.ACKNOWLEDGED, "zh-CN").subject());
    }

    @Test
    void englishIsUsedWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            Alarm a = alarm(12, Severity.CRITICAL, 1, 0);
            assertEquals("Alarm #12 CRITICAL fence.intrusion", messages.render(a, Transition.RAISED, "fr").subject());
            assertEquals("Alarm #12 CRITICAL fence.intrusion at north-fence (device fence-1), once",
                    messages.render(a, Transition.RAISED, null).text());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void missingZoneAndDeviceAndAMessage() {
        Alarm a = new Alarm(123456, "k", "fire.smoke", Severity.CRITICAL, "campus", null, null, "Building B",
                AlarmState.RAISED, 1, null, null, null, 0, null, null, null, null, null);
        assertEquals("Alarm #123456 CRITICAL fire.smoke at campus (device -), once\nBuilding B",
                messages.render(a, Transition.RAISED, "en").text());
        assertEquals("Building B", MessageServiceImpl.alarmData(a, Transition.RAISED).get("message"));
    }

    // ---- alarms to a channel ----

    @Test
    void anAlarmToAChannelCarriesDataDedupeKeyAndPriority() {
        Alarm a = alarm(12, Severity.MAJOR, 3, 0);
        var m = messages.alarm(a, Transition.RAISED, new Delivery("sms", "(gatehouse.notify.provider=gw)", "duty",
                null, "zh-CN", null, " ", null));
        Request r = outbox.requests.get(0);
        assertEquals("sms", r.channel());
        assertEquals("(gatehouse.notify.provider=gw)", r.filter());
        assertEquals("alarm", r.kind());
        assertEquals("duty", r.recipient());
        assertEquals("zh-CN", r.language());
        assertEquals("告警 #12 [重大] fence.intrusion", r.subject());
        assertEquals("alarm-12-RAISED-3-sms", r.dedupeKey());
        assertEquals(Priority.NORMAL, r.priority());
        assertNull(r.fallbackChannel(), "a blank fallback is none");
        assertEquals("RAISED", r.data().get("transition"));
        assertEquals("north-fence", r.data().get("zoneId"));
        assertEquals("2026-01-01T00:01:00Z", r.data().get("lastAt"));

        // the same transition again is folded into the stored message
        assertEquals(m.id(), messages.alarm(a, null, to("sms", "zh-CN")).id(), "no transition means RAISED");
        assertEquals(1, p.outbox.query(null, 0, 10).total());

        var escalated = messages.alarm(alarm(12, Severity.CRITICAL, 3, 2), Transition.ESCALATED,
                new Delivery("webhook", null, null, "alarm.escalated", "fr", null, "sms", "+8613800000001"));
        Request e = outbox.requests.get(2);
        assertEquals("alarm-12-ESCALATED.2-3-webhook", e.dedupeKey());
        assertEquals("alarm.escalated", e.kind());
        assertEquals("en", e.language(), "any tag but zh is English");
        assertEquals(Priority.CRITICAL, e.priority(), "a CRITICAL alarm");
        assertEquals("sms", escalated.fallbackChannel());
        assertEquals("+8613800000001", e.fallbackRecipient());
        messages.alarm(alarm(13, Severity.CRITICAL, 1, 0), Transition.RAISED,
                new Delivery("push", null, null, null, "en", Priority.LOW, null, null));
        assertEquals(Priority.LOW, outbox.requests.get(3).priority(), "an explicit priority wins");
    }

    @Test
    void anOverriddenAlarmTemplateIsUsedInItsLanguageOnly() {
        p.templates.save("alarm", "en", "[{{severity}}] #{{alarmId}} {{status}}", "at {{place}}: {{type}}", "admin");
        messages.alarm(alarm(5, Severity.MAJOR, 1, 2), Transition.ESCALATED, to("sms", "en"));
        messages.alarm(alarm(6, Severity.MAJOR, 1, 0), Transition.RAISED, to("sms", "zh-CN"));
        assertEquals("[MAJOR] #5 escalated to level 2", outbox.requests.get(0).subject());
        assertEquals("at north-fence: fence.intrusion", outbox.requests.get(0).text());
        assertEquals("告警 #6 [重大] fence.intrusion", outbox.requests.get(1).subject(), "no zh-CN override: the default");
        p.templates.reset("alarm", "en", "admin");
        messages.alarm(alarm(7, Severity.MAJOR, 1, 0), Transition.RAISED, to("sms", "en"));
        assertEquals("Alarm #7 MAJOR fence.intrusion", outbox.requests.get(2).subject());
    }

    // ---- alarms to people ----

    @Test
    void zoneStaffGetOneMessageEachInTheirLanguageBySmsWithEmailFallback() {
        var out = messages.alarmToZoneStaff(alarm(7, Severity.CRITICAL, 1, 0), Transition.RAISED, to(null, "en"));
        assertEquals(2, out.size());
        var r = outbox.requests;
        assertEquals("sms", r.get(0).channel());
        assertEquals("+8613800000101", r.get(0).recipient());
        assertEquals("email", r.get(0).fallbackChannel());
        assertEquals("wang@school.example", r.get(0).fallbackRecipient());
        assertEquals("zh-CN", r.get(0).language());
        assertEquals("告警 #7 [紧急] fence.intrusion", r.get(0).subject());
        assertEquals(Priority.CRITICAL, r.get(0).priority());
        assertEquals("alarm-7-RAISED-1-sms-staff-wang", r.get(0).dedupeKey());
        assertEquals("email", r.get(1).channel());
        assertEquals("kim@school.example", r.get(1).recipient());
        assertEquals("Alarm #7 CRITICAL fence.intrusion", r.get(1).subject());
        assertEquals("staff-kim", r.get(1).data().get("personId"));
        assertNull(r.get(1).fallbackChannel());

        Alarm nowhere = new Alarm(8, "k", "fire.smoke", Severity.MAJOR, "s1", null, null, null, AlarmState.RAISED, 1,
                null, null, null, 0, null, null, null, null, null);
        assertEquals(List.of(), messages.alarmToZoneStaff(nowhere, Transition.RAISED, to(null, "en")));
        Alarm unknownZone = new Alarm(9, "k", "fire.smoke", Severity.MAJOR, "s1", "nope", null, null,
                AlarmState.RAISED, 1, null, null, null, 0, null, null, null, null, null);
        assertEquals("unknown-zone", assertThrows(GatehouseException.class,
                () -> messages.alarmToZoneStaff(unknownZone, Transition.RAISED, to(null, "en"))).code());
    }

    @Test
    void peopleOnDutyGetOneMessageEachAndAZoneStaffMemberOnDutyGetsOne() {
        Alarm a = alarm(9, Severity.CRITICAL, 1, 0);
        assertEquals(List.of(), messages.alarmToOnDuty(a, Transition.RAISED, null, to(null, "en")), "no roster");
        LocalTime midnight = LocalTime.of(0, 0);
        p.duty.save(new Shift("l", null, "staff-chen", "leader", List.of(), midnight, midnight, null, null), "t");
        p.duty.save(new Shift("g", null, "staff-wang", "guard-room", List.of(), midnight, midnight, null, null), "t");

        var all = messages.alarmToOnDuty(a, Transition.RAISED, null, to(null, "zh-CN"));
        assertEquals(2, all.size());
        Request leader = outbox.requests.stream().filter(r -> "+8613800000104".equals(r.recipient())).findFirst()
                .orElseThrow();
        assertEquals("en", leader.language(), "the person's language, not the delivery's");
        assertEquals("email", leader.fallbackChannel(), "SMS falls back to the leader's e-mail");
        assertEquals("chen@school.example", leader.fallbackRecipient());
        assertEquals("*", leader.data().get("dutyPost"));

        var zone = messages.alarmToZoneStaff(a, Transition.RAISED, to(null, "en"));
        String wangOnDuty = all.stream().filter(m -> "+8613800000101".equals(m.recipient())).findFirst().orElseThrow()
                .id();
        assertEquals(wangOnDuty, zone.get(0).id(), "the same person and channel: one message");

        var escalated = messages.alarmToOnDuty(alarm(9, Severity.CRITICAL, 1, 1), Transition.ESCALATED, "leader",
                to(null, "en"));
        assertEquals(1, escalated.size());
        Request e = outbox.requests.get(outbox.requests.size() - 1);
        assertEquals("leader", e.data().get("dutyPost"));
        assertEquals("alarm-9-ESCALATED.1-1-sms-staff-chen", e.dedupeKey());
        assertEquals("Alarm #9 CRITICAL fence.intrusion escalated to level 1", e.subject());
    }

    // ---- passages ----

    @Test
    void guardiansGetAPassageInTheirLanguageOnTheirChannelOnce() {
        person("stu-li", "李小明", PersonRole.STUDENT, null, null, null, "3-2");
        person("g-li", "李妈妈", PersonRole.GUARDIAN, "+8613800000201", null, "zh-CN", null);
        person("g-smith", "John", PersonRole.GUARDIAN, null, "john@home.example", "en", null);
        p.persons.bind(new GuardianBinding("g-li", "stu-li", "mother", "sms", true), "t");
        p.persons.bind(new GuardianBinding("g-smith", "stu-li", "father", "email", true), "t");
        SecurityEvent e = new SecurityEvent("passage-42", Instant.parse("2026-03-02T23:55:00Z"), "s1", "gate-1",
                "main-gate", "gate.passage", Severity.INFO, Map.of("passageId", "42", "direction", "in",
                "personId", "stu-li", "temperature", "36.6"), "passages/42/snapshot", "stu-li");
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        var out = messages.passageToGuardians(e, "正门闸机 1", "https://school.example/api/passages/42/snapshot",
                shanghai, to(null, "en"));
        assertEquals(2, out.size());
        var r = outbox.requests;
        assertEquals("sms", r.get(0).channel());
        assertEquals("+8613800000201", r.get(0).recipient());
        assertEquals("gate.passage", r.get(0).kind());
        assertEquals("zh-CN", r.get(0).language());
        assertEquals("【到离校】李小明入校", r.get(0).subject());
        assertEquals("孩子 李小明 07:55 经 正门闸机 1 入校。体温 36.6℃。 https://school.example/api/passages/42/snapshot",
                r.get(0).text(), "07:55 next day in Shanghai, with the link");
        assertEquals("passage:42:g-li", r.get(0).dedupeKey());
        assertEquals(Map.of("passageId", "42", "eventId", "passage-42", "studentId", "stu-li", "guardianId", "g-li",
                "direction", "in", "snapshotUrl", "https://school.example/api/passages/42/snapshot",
                "temperature", "36.6"), r.get(0).data());
        assertEquals(Priority.NORMAL, r.get(0).priority());
        assertEquals("email", r.get(1).channel());
        assertEquals("李小明 entered school", r.get(1).subject());
        assertEquals("Your child 李小明 entered school at 07:55 through 正门闸机 1. Body temperature 36.6 °C."
                + " https://school.example/api/passages/42/snapshot", r.get(1).text());
        assertEquals("passage:42:g-smith", r.get(1).dedupeKey());
        assertEquals(out.get(0).id(), messages.passageToGuardians(e, "正门闸机 1", null, shanghai, to(null, "en"))
                .get(0).id(), "the same passage again: the stored message");
        assertEquals(2, p.outbox.query(null, 0, 10).total());

        SecurityEvent leaving = new SecurityEvent("passage-43", e.time(), "s1", "gate-2", "main-gate", "gate.passage",
                Severity.INFO, Map.of("passageId", "43", "direction", "out"), null, "stu-li");
        messages.passageToGuardians(leaving, null, null, ZoneId.of("UTC"), to(null, "en"));
        Request left = r.get(r.size() - 2);
        assertEquals("孩子 李小明 23:55 经 gate-2 离校。", left.text(), "no gate name: the device id; no temperature");
        assertNull(left.data().get("snapshotUrl"));
        assertEquals("Your child 李小明 left school at 23:55 through gate-2.", r.get(r.size() - 1).text());
        SecurityEvent stranger = new SecurityEvent("x", e.time(), "s1", "gate-1", null, "gate.stranger",
                Severity.INFO, Map.of(), null, null);
        assertEquals(List.of(), messages.passageToGuardians(stranger, null, null, shanghai, to(null, "en")));
    }
}
