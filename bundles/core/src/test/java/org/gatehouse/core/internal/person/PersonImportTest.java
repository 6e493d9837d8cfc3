package org.gatehouse.core.internal.person;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.PersonService.ImportSummary;
import org.gatehouse.api.service.PersonService.RowProblem;
import org.junit.jupiter.api.Test;

/** The CSV person import against a real Derby store. */
class PersonImportTest {
    static final String HEADER = "id,name,role,phone,email,language,group,guardian_of,relation,preferred_channel,"
            + "face_consent\r\n";
    private final Platform p = TestDb.platform(TestDb.newDataSource(), new TestDb.Channels());

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String codeOf(byte[] csv) {
        return assertThrows(GatehouseException.class, () -> p.persons.importCsv(csv, false, "admin")).code();
    }

    @Test
    void validFileWithChineseNamesQuotedCommasAndBomIsWrittenWithBindings() {
        String csv = "\uFEFF" + HEADER
                + "stu-1,张小明,STUDENT,,,zh-CN,3-2,,,,\r\n"
                + "stu-2,\"Li, Lei\",学生,,,en,3-2,,,,\r\n"
                + "g-1,张伟,家长,+86 138-0000-0001,zhang@example.com,,,stu-1;stu-2,father,sms,是\r\n"
                + "\r\n"
                + "g-2,\"王芳, \"\"芳芳\"\"\",GUARDIAN,+8613800000002,,en,,stu-1,\"mother, primary\",email,no\r\n"
                + ",,,,,,,,,,\r\n";
        ImportSummary s = p.persons.importCsv(utf8(csv), false, "admin");
        assertEquals(List.of(), s.problems());
        assertTrue(s.written());
        assertEquals(4, s.rows());
        assertEquals(4, s.created());
        assertEquals(0, s.updated());
        assertEquals(3, s.bindings());

        assertEquals("张小明", p.persons.person("stu-1", null).orElseThrow().name());
        assertEquals("Li, Lei", p.persons.person("stu-2", null).orElseThrow().name());
        Person g2 = p.persons.person("g-2", null).orElseThrow();
        assertEquals("王芳, \"芳芳\"", g2.name());
        assertEquals("en", g2.language());
        assertEquals("+8613800000001", p.persons.person("g-1", null).orElseThrow().phone());
        List<GuardianBinding> gs = p.persons.guardians("stu-1");
        assertEquals(2, gs.size());
        assertEquals(new GuardianBinding("g-1", "stu-1", "father", "sms", true), gs.get(0));
        assertEquals(new GuardianBinding("g-2", "stu-1", "mother, primary", "email", false), gs.get(1));
        assertEquals(2, p.persons.children("g-1").size(), "one row may name several children");
        assertEquals(1, p.persons.guardians("stu-2").size());
        assertEquals("person-import", p.audit.query("person", null, null, 0, 1).items().get(0).action());
        assertTrue(p.audit.query(null, null, null, 0, 1).items().get(0).detail().contains("created 4"));
    }

    @Test
    void everyBadRowIsReportedAndNothingIsWritten() {
        p.persons.savePerson(new Person("staff-1", "Teacher", PersonRole.STAFF, null, null, null, null), "admin");
        long auditBefore = p.audit.query(null, null, null, 0, 1).total();
        String csv = HEADER
                + "stu-1,张小明,STUDENT,,,,3-2,,,,\n"               // 2 fine
                + ",无名,STUDENT,,,,,,,,\n"                          // 3 missing id
                + "stu-3,,STUDENT,,,,,,,,\n"                         // 4 missing name
                + "stu-4,x,PRINCIPAL,,,,,,,,\n"                      // 5 unknown role
                + "g-1,y,GUARDIAN,call me,not-an-email,fr,,stu-1,,fax,maybe\n" // 6 five problems
                + "g-2,z,GUARDIAN,,,,,stu-99,,,\n"                   // 7 unknown student
                + "g-3,w,GUARDIAN,,,,,staff-1,,,\n"                  // 8 not a student (in store)
                + "stu-1,张小明,STUDENT,,,,3-3,,,,\n"                // 9 duplicate id, other group
                + "stu-5,a,STUDENT,,,,,stu-1,,,\n"                   // 10 guardian_of on a student
                + "g-4,b,GUARDIAN,,,,,stu-1,mother,,\n"              // 11 fine
                + "g-4,b,GUARDIAN,,,,,stu-1,father,,\n"              // 12 same pair, other relation
                + "stu-6,c,STUDENT,,,,,,,,,extra\n";                 // 13 too many fields
        ImportSummary s = p.persons.importCsv(utf8(csv), false, "admin");
        assertFalse(s.written());
        List<String> got = s.problems().stream().map(r -> r.row() + ":" + r.code()).toList();
        assertEquals(List.of("3:missing-id", "4:missing-name", "5:bad-role", "6:bad-phone", "6:bad-email",
                "6:bad-language", "6:bad-channel", "6:bad-consent", "7:unknown-student", "8:not-a-student",
                "9:duplicate-id", "10:not-a-guardian", "12:duplicate-binding", "13:extra-fields"), got);
        RowProblem dup = s.problems().stream().filter(r -> r.code().equals("duplicate-id")).findFirst().orElseThrow();
        assertTrue(dup.message().contains("row 2") && dup.message().contains("group"), dup.message());
        assertEquals("email", s.problems().get(4).column());

        assertTrue(p.persons.person("stu-1", null).isEmpty(), "no row is written when any row is invalid");
        assertEquals(1, p.persons.persons(null, null, 0, 10).total());
        assertEquals(auditBefore, p.audit.query(null, null, null, 0, 1).total());
    }

    @Test
    void existingIdsAreUpdatedAndDryRunWritesNothing() {
        p.persons.savePerson(new Person("stu-1", "Old Name", PersonRole.STUDENT, null, null, null, "1-1"), "admin");
        p.persons.savePerson(new Person("g-1", "Guardian", PersonRole.GUARDIAN, "+8613800000001", null, null, null),
                "admin");
        p.persons.bind(new GuardianBinding("g-1", "stu-1", "father", "sms", false), "admin");
        String csv = HEADER
                + "stu-1,新名字,STUDENT,,,,2-1,,,,\n"
                + "g-1,Guardian,GUARDIAN,+8613800000009,,,,stu-1,father,email,yes\n"
                + "g-2,Mother,GUARDIAN,+8613800000002,,,,stu-1,mother,,\n";

        ImportSummary dry = p.persons.importCsv(utf8(csv), true, "admin");
        assertTrue(dry.dryRun());
        assertFalse(dry.written());
        assertEquals(List.of(), dry.problems());
        assertEquals(1, dry.created());
        assertEquals(2, dry.updated());
        assertEquals("Old Name", p.persons.person("stu-1", null).orElseThrow().name());
        assertTrue(p.persons.person("g-2", null).isEmpty());

        ImportSummary s = p.persons.importCsv(utf8(csv), false, "admin");
        assertTrue(s.written());
        assertEquals(1, s.created());
        assertEquals(2, s.updated());
        Person stu = p.persons.person("stu-1", null).orElseThrow();
        assertEquals("新名字", stu.name());
        assertEquals("2-1", stu.group());
        assertEquals("+8613800000009", p.persons.person("g-1", null).orElseThrow().phone());
        List<GuardianBinding> gs = p.persons.guardians("stu-1");
        assertEquals(List.of(new GuardianBinding("g-1", "stu-1", "father", "email", true),
                new GuardianBinding("g-2", "stu-1", "mother", "sms", false)), gs);
        assertTrue(p.audit.query("person", "stu-1", null, 0, 10).items().stream()
                .anyMatch(a -> a.action().equals("person-update") && a.actor().equals("admin")));
    }

    @Test
    void gbkAndBrokenFilesAreRefusedAsAWhole() {
        byte[] gbk = (HEADER + "stu-1,张小明,STUDENT,,,,3-2,,,,\n").getBytes(Charset.forName("GBK"));
        assertEquals("csv-encoding", codeOf(gbk));
        GatehouseException e = assertThrows(GatehouseException.class, () -> p.persons.importCsv(gbk, true, "a"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertEquals("csv-encoding", codeOf(utf16(HEADER)));
        assertEquals("csv-empty", codeOf(new byte[0]));
        assertEquals("csv-empty", codeOf(utf8("\uFEFF\r\n\r\n")));
        assertEquals("csv-header", codeOf(utf8("id,name,rolle\nstu-1,a,STUDENT\n")));
        assertEquals("csv-header", codeOf(utf8("stu-1,张小明,STUDENT\n")));
        assertEquals("csv-quote", codeOf(utf8("id,name,role\nstu-1,\"open,STUDENT\n")));
        assertTrue(p.persons.persons(null, null, 0, 10).items().isEmpty());
    }

    private static byte[] utf16(String s) {
        byte[] body = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    @Test
    void onlyTheRequiredColumnsInAnyOrderAndMultiLineQuotedFields() {
        String csv = "Role,ID,Name\nSTUDENT,stu-1,\"张\n小明\"\nSTUDENT,stu-2,李雷\n";
        ImportSummary s = p.persons.importCsv(utf8(csv), false, "admin");
        assertEquals(List.of(), s.problems());
        assertEquals(2, s.created());
        assertEquals("张\n小明", p.persons.person("stu-1", null).orElseThrow().name());
        ImportSummary bad = p.persons.importCsv(utf8("Role,ID,Name\nSTUDENT,stu-1,\"a\nb\"\nSTUDENT,,x\n"), true, "a");
        assertEquals(4, bad.problems().get(0).row(), "rows are counted as lines, as a spreadsheet shows them");
    }

    @Test
    void aSchoolOfThreeThousandIsImportedInOneGo() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 1500; i++) {
            csv.append("stu-").append(i).append(",学生").append(i).append(",STUDENT,,,,").append(1 + i % 6).append('-')
                    .append(1 + i % 8).append(",,,,\n");
            csv.append("g-").append(i).append(",家长").append(i).append(",GUARDIAN,+86138").append(String.format("%08d", i))
                    .append(",,,,stu-").append(i).append(",mother,sms,yes\n");
        }
        ImportSummary s = p.persons.importCsv(utf8(csv.toString()), false, "admin");
        assertEquals(List.of(), s.problems());
        assertEquals(3000, s.rows());
        assertEquals(3000, s.created());
        assertEquals(1500, s.bindings());
        assertEquals(1500, p.persons.persons(PersonRole.STUDENT, null, 0, 10).total());
        assertEquals("+8613800001234", p.persons.guardianContacts("stu-1234").get(0).address());

        ImportSummary again = p.persons.importCsv(utf8(csv.toString()), false, "admin");
        assertEquals(3000, again.updated(), "a second run of the same file updates in place");
        assertEquals(3000, p.persons.persons(null, null, 0, 10).total());
        assertEquals(1, p.persons.guardians("stu-7").size());
    }
}
