package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.PersonService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** gatehouse:person-import in the assembled distribution: a dry run, the import, a GBK file refused. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PersonImportIT {
    static final String HEADER = "id,name,role,phone,email,language,group,guardian_of,relation,preferred_channel,"
            + "face_consent\n";
    @Inject
    private SessionFactory sessions;
    @Inject
    private PersonService persons;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.options(Http.freePort());
    }

    private String shell(String command) throws Exception {
        return KarafShell.run(sessions, command);
    }

    @Test
    public void importsARegisterFromTheShell() throws Exception {
        Http.await("the gatehouse:* commands", Duration.ofSeconds(90), () -> {
            try {
                return !shell("gatehouse:health").contains("Command not found");
            } catch (Exception e) {
                return false;
            }
        });
        Http.awaitDemoCampus("http://127.0.0.1:" + System.getProperty("gatehouse.itest.http") + "/gatehouse/api",
                Http.basic(GatehouseOptions.USER, GatehouseOptions.PASSWORD));
        Path csv = Files.createTempFile("register", ".csv");
        Files.writeString(csv, "\uFEFF" + HEADER + "it-stu-1,张小明,学生,,,,3-2,,,,\n"
                + "it-stu-2,\"Li, Lei\",STUDENT,,,en,3-2,,,,\n"
                + "it-g-1,张伟,家长,+8613800000001,,,,it-stu-1;it-stu-2,父亲,sms,是\n", StandardCharsets.UTF_8);

        String dry = shell("gatehouse:person-import --dry-run --lang en " + csv);
        assertTrue(dry, dry.contains("Checked 3 rows: 3 persons (3 new, 0 updated), 2 guardian bindings"));
        assertTrue(dry, dry.contains("nothing was written"));
        assertFalse(persons.person("it-stu-1", null).isPresent());

        String done = shell("gatehouse:person-import --lang zh-CN " + csv);
        assertTrue(done, done.contains("已导入"));
        assertEquals("Li, Lei", persons.person("it-stu-2", null).orElseThrow().name());
        assertEquals(PersonRole.GUARDIAN, persons.person("it-g-1", null).orElseThrow().role());
        assertEquals(2, persons.children("it-g-1").size());

        Path gbk = Files.createTempFile("register-gbk", ".csv");
        Files.write(gbk, (HEADER + "it-stu-9,李雷,STUDENT,,,,,,,,\n").getBytes(Charset.forName("GBK")));
        String refused = shell("gatehouse:person-import " + gbk);
        assertTrue(refused, refused.contains("csv-encoding"));
        assertFalse("one line, not a stack trace: " + refused, refused.contains("\tat "));
        assertFalse(persons.person("it-stu-9", null).isPresent());
    }
}
