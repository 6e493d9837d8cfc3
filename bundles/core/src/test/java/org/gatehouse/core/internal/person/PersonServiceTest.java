package org.gatehouse.core.internal.person;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.PersonService.Contact;
import org.junit.jupiter.api.Test;

class PersonServiceTest {
    private final Platform p = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());

    private static String code(Runnable r) {
        return assertThrows(GatehouseException.class, r::run).code();
    }

    @Test
    void personsAreValidatedNormalisedAndAudited() {
        Person s = p.persons.savePerson(new Person("stu-1", "张小明", PersonRole.STUDENT, null, null, null, "3-2"), "admin");
        assertEquals("zh-CN", s.language());
        Person g = p.persons.savePerson(new Person("g-1", "Zhang", PersonRole.GUARDIAN, "+86 138-0000-0001",
                "zhang@example.com", "en", null), "admin");
        assertEquals("+8613800000001", g.phone());
        assertEquals("bad-phone", code(() -> p.persons.savePerson(new Person("g-2", "x", PersonRole.GUARDIAN, "call me",
                null, null, null), "admin")));
        assertEquals("bad-email", code(() -> p.persons.savePerson(new Person("g-2", "x", PersonRole.GUARDIAN, null,
                "nope", null, null), "admin")));
        assertEquals("missing-role", code(() -> p.persons.savePerson(new Person("g-2", "x", null, null, null, null,
                null), "admin")));
        assertEquals("bad-language", code(() -> p.persons.savePerson(new Person("g-2", "x", PersonRole.STAFF, null,
                null, "fr", null), "admin")));

        assertEquals(1, p.persons.persons(PersonRole.STUDENT, "3-2", 0, 10).total());
        assertEquals(2, p.persons.persons(null, null, 0, 10).total());
        p.persons.person("stu-1", "teacher1");
        assertEquals("person-read", p.audit.query("person", "stu-1", null, 0, 1).items().get(0).action(),
                "reading a child's record is audited");
        assertEquals("teacher1", p.audit.query("person", "stu-1", null, 0, 1).items().get(0).actor());
    }

    @Test
    void guardiansAreBoundAndResolvedToContacts() {
        p.persons.savePerson(new Person("stu-1", "张小明", PersonRole.STUDENT, null, null, null, "3-2"), "admin");
        p.persons.savePerson(new Person("g-1", "Father", PersonRole.GUARDIAN, "+8613800000001", null, "zh-CN", null), "a");
        p.persons.savePerson(new Person("g-2", "Mother", PersonRole.GUARDIAN, "+8613800000002", "m@example.com", "en",
                null), "a");
        p.persons.savePerson(new Person("t-1", "Teacher", PersonRole.STAFF, "+8613800000003", null, null, null), "a");
        p.persons.bind(new GuardianBinding("g-1", "stu-1", "father", "sms", true), "admin");
        p.persons.bind(new GuardianBinding("g-2", "stu-1", "mother", "email", true), "admin");
        assertEquals("bad-role", code(() -> p.persons.bind(new GuardianBinding("t-1", "stu-1", "x", "sms", true), "a")));
        assertEquals("bad-channel", code(() -> p.persons.bind(new GuardianBinding("g-1", "stu-1", "x", "fax", true), "a")));
        assertEquals("unknown-person", code(() -> p.persons.bind(new GuardianBinding("g-9", "stu-1", "x", "sms", true), "a")));

        List<Contact> contacts = p.persons.guardianContacts("stu-1");
        assertEquals(2, contacts.size());
        assertEquals("+8613800000001", contacts.get(0).address());
        assertEquals("sms", contacts.get(0).channel());
        assertEquals("m@example.com", contacts.get(1).address());
        assertEquals("en", contacts.get(1).language());
        assertEquals(1, p.persons.children("g-2").size());

        p.persons.unbind("g-1", "stu-1", "admin");
        assertEquals(1, p.persons.guardians("stu-1").size());
        p.persons.deletePerson("stu-1", "admin");
        assertTrue(p.persons.children("g-2").isEmpty(), "bindings go with the student");
        assertEquals("unknown-person", code(() -> p.persons.deletePerson("stu-1", "admin")));
    }
}
