package org.gatehouse.core.internal.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.MessageService.Delivery;
import org.gatehouse.api.service.MessageService.Recipients;
import org.gatehouse.api.service.OutboxService.Request;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.Test;

/** MessageService#send on the real core: guardians, named persons and homeroom teachers, in their languages. */
class TemplateMessagesTest {
    private final Platform p = TestDb.platform();
    private final MessageServiceTest.Recording outbox = new MessageServiceTest.Recording(p.outbox);
    private final MessageServiceImpl messages = new MessageServiceImpl(p.persons, p.duty, p.templates, outbox, p.sites);
    private final Delivery zh = new Delivery(null, null, null, null, "zh-CN", null, null, null);

    TemplateMessagesTest() {
        person("stu1", "李雷", PersonRole.STUDENT, null, null, null, "3-2");
        person("mum", "Mum", PersonRole.GUARDIAN, "+8613800000001", "mum@example.org", "en", null);
        person("dad", "爸爸", PersonRole.GUARDIAN, "+8613800000002", null, null, null);
        person("t32", "王老师", PersonRole.STAFF, "+8613800000003", "wang@school.example", "zh-CN", "3-2");
        person("t41", "Ms Kim", PersonRole.STAFF, null, "kim@school.example", "en", "4-1");
        person("doc", "校医", PersonRole.STAFF, null, "doc@school.example", "zh-CN", "clinic");
        p.persons.bind(new GuardianBinding("mum", "stu1", "mother", "email", true), "t");
        p.persons.bind(new GuardianBinding("dad", "stu1", "father", "sms", true), "t");
    }

    private void person(String id, String name, PersonRole role, String phone, String email, String lang, String group) {
        p.persons.savePerson(new Person(id, name, role, phone, email, lang, group), "t");
    }

    @Test
    void guardiansGetTheTemplateInTheirLanguageOnTheirChannelOnce() {
        Map<String, String> v = Map.of("studentId", "stu1", "from", "03-02 09:00", "to", "03-02 11:00",
                "reason", "dentist", "passId", "5");
        assertEquals(2, messages.send("leave.approved", Recipients.GUARDIANS, "stu1", v, "leave.approved:5", zh)
                .size());
        assertEquals(2, messages.send("leave.approved", Recipients.GUARDIANS, "stu1", v, "leave.approved:5", zh)
                .size());
        assertEquals(2, p.outbox.query(null, 0, 10).total(), "the same dedupe key queues nothing twice");
        Request mum = outbox.requests.get(0);
        assertEquals("email", mum.channel());
        assertEquals("mum@example.org", mum.recipient());
        assertEquals("Leave approved: 李雷", mum.subject());
        assertEquals("The leave pass of 李雷 from 03-02 09:00 to 03-02 11:00 (dentist) was approved.", mum.text());
        assertEquals("leave.approved:5:mum", mum.dedupeKey());
        assertEquals("3-2", mum.data().get("group"));
        Request dad = outbox.requests.get(1);
        assertEquals("sms", dad.channel());
        assertEquals("zh-CN", dad.language(), "no language of his own: the delivery's");
        assertEquals("【请假已批准】李雷", dad.subject());
    }

    @Test
    void homeroomTeachersAreTheStaffOfTheClass() {
        List<?> out = messages.send("attendance.absent-list", Recipients.HOMEROOM, "3-2",
                Map.of("group", "3-2", "date", "2026-03-02", "count", "2", "names", "李雷、韩梅梅"),
                "absent-list:2026-03-02:3-2", zh);
        assertEquals(1, out.size());
        Request r = outbox.requests.get(0);
        assertEquals("+8613800000003", r.recipient());
        assertEquals("sms", r.channel());
        assertEquals("email", r.fallbackChannel());
        assertEquals("wang@school.example", r.fallbackRecipient());
        assertEquals("3-2 班 2026-03-02 缺勤 2 人：李雷、韩梅梅。", r.text());
        assertEquals(1, messages.send("gate.no-leave-pass", Recipients.HOMEROOM, null, Map.of("studentId", "stu1",
                "time", "10:15", "gate", "Main gate"), "denied:1", zh).size(), "no target: the student's class");
        assertEquals("+8613800000003", outbox.requests.get(1).recipient());
        assertTrue(messages.send("attendance.absent-list", Recipients.HOMEROOM, "9-9",
                Map.of("group", "9-9", "date", "2026-03-02", "count", "1"), "x", zh).isEmpty(), "no teacher");
    }

    @Test
    void namedPersonsGetItAndUnknownIdsAreSkipped() {
        var out = messages.send("gate.fever", Recipients.PERSONS, "doc, ghost", Map.of("studentId", "stu1",
                "temperature", "38.2", "time", "08:05", "gate", "正门"), "fever:7", zh);
        assertEquals(1, out.size());
        Request r = outbox.requests.get(0);
        assertEquals("doc@school.example", r.recipient());
        assertTrue(r.text().startsWith("李雷（3-2）08:05 经 正门 测得体温 38.2℃"), r.text());
    }

    @Test
    void badCallsAreRefused() {
        assertEquals("unknown-template-kind", assertThrows(GatehouseException.class, () -> messages.send("nope",
                Recipients.PERSONS, "doc", Map.of(), "k", zh)).code());
        assertEquals("missing-target", assertThrows(GatehouseException.class, () -> messages.send("gate.fever",
                Recipients.PERSONS, " ", Map.of(), "k", zh)).code());
        assertEquals("template-missing-value", assertThrows(GatehouseException.class, () -> messages.send(
                "gate.fever", Recipients.PERSONS, "doc", Map.of("studentId", "stu1"), "k", zh)).code());
        assertEquals(0, p.outbox.query(null, 0, 10).total());
    }
}
