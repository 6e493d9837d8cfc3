package org.gatehouse.camel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.OutboxService.OutboxMessage;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * gatehouse-notify:persons, :homeroom and :guardians with a Map body of template values, on the core's real message,
 * template and person services (Derby).
 */
class NotifyTemplatesTest {
    private final Platform core = TestDb.platform();
    /** The outbox fake (the core's outbox needs Jackson, which this module's tests do not have); the rest is real. */
    private final Fakes.Outbox outbox = new Fakes.Outbox();
    private final CamelContext context = new DefaultCamelContext();
    private final ProducerTemplate template;

    NotifyTemplatesTest() {
        core.persons.savePerson(new Person("stu1", "李雷", PersonRole.STUDENT, null, null, null, "3-2"), "t");
        core.persons.savePerson(new Person("g1", "Mum", PersonRole.GUARDIAN, "+8613800000001", null, "en", null), "t");
        core.persons.savePerson(new Person("t1", "王老师", PersonRole.STAFF, "+8613800000002", null, "zh-CN", "3-2"), "t");
        core.persons.savePerson(new Person("doc", "校医", PersonRole.STAFF, null, "doc@school.example", null, "clinic"),
                "t");
        core.persons.bind(new GuardianBinding("g1", "stu1", "mother", "sms", true), "t");
        context.addComponent(NotifyComponent.SCHEME, new NotifyComponent(outbox, Fakes.messages(outbox,
                core.persons, core.duty, core.templates)));
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
        core.stop();
    }

    private List<?> send(String uri, String target, String dedupe, Map<String, String> values) {
        return (List<?>) template.requestBodyAndHeaders(uri, values, Map.of(GatehouseHeaders.NOTIFY_TARGET, target,
                GatehouseHeaders.NOTIFY_DEDUPE_KEY, dedupe));
    }

    @Test
    void mapBodiesGoToPersonsHomeroomTeachersAndGuardians() {
        List<?> doctors = send("gatehouse-notify:persons?kind=gate.fever&language=zh-CN", "doc", "fever:7",
                Map.of("studentId", "stu1", "temperature", "38.1", "time", "08:05", "gate", "正门"));
        assertEquals(1, doctors.size());
        OutboxMessage m = (OutboxMessage) doctors.get(0);
        assertEquals("email", m.channel());
        assertEquals("【体温异常】李雷 38.1℃", m.subject());

        List<?> teachers = send("gatehouse-notify:homeroom?kind=gate.no-leave-pass", "3-2", "denied:9",
                Map.of("studentId", "stu1", "time", "10:15", "gate", "正门"));
        assertEquals("+8613800000002", ((OutboxMessage) teachers.get(0)).recipient());
        assertEquals("【未请假离校】李雷", ((OutboxMessage) teachers.get(0)).subject());

        List<?> guardians = send("gatehouse-notify:guardians?kind=leave.approved", "stu1", "leave.approved:3",
                Map.of("studentId", "stu1", "from", "03-02 09:00", "to", "03-02 11:00", "reason", "dentist"));
        assertEquals("Leave approved: 李雷", ((OutboxMessage) guardians.get(0)).subject());
        assertEquals("sms", ((OutboxMessage) guardians.get(0)).channel());
        assertEquals(3, outbox.requests.size());
        assertEquals("leave.approved:3:g1", outbox.requests.get(2).dedupeKey());
    }

    @Test
    void aMissingKindOrABodyThatIsNoMapIsRefused() {
        assertThrows(Exception.class, () -> send("gatehouse-notify:persons", "doc", "x", Map.of()));
        assertThrows(Exception.class, () -> template.requestBodyAndHeader("gatehouse-notify:homeroom?kind=gate.fever",
                "text", GatehouseHeaders.NOTIFY_TARGET, "3-2"));
        assertEquals(0, outbox.requests.size());
    }
}
