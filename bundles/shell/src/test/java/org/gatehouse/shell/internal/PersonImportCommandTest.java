package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gatehouse:person-import against core's real person import on a real Derby. */
class PersonImportCommandTest {
    static final String HEADER = "id,name,role,phone,email,language,group,guardian_of,relation,preferred_channel,"
            + "face_consent\n";
    @TempDir
    Path dir;
    private final Platform core = platform();

    static Platform platform() {
        return TestDb.platform();
    }

    @AfterEach
    void stop() {
        core.stop();
    }

    private String[] run(Path file, boolean dryRun, String lang) throws Exception {
        PersonImportCommand c = new PersonImportCommand();
        c.persons = core.persons;
        c.file = file.toString();
        c.dryRun = dryRun;
        c.lang = lang;
        try (Capture cap = new Capture()) {
            c.execute();
            return new String[] {cap.out(), cap.err()};
        }
    }

    @Test
    void dryRunThenImportInBothLanguages() throws Exception {
        Path f = dir.resolve("register.csv");
        Files.writeString(f, "\uFEFF" + HEADER + "stu-1,张小明,学生,,,,3-2,,,,\n"
                + "g-1,\"张伟, 父亲\",家长,13800000001,,,,stu-1,父亲,sms,是\n", StandardCharsets.UTF_8);
        String[] dry = run(f, true, "en");
        assertEquals("Checked 2 rows: 2 persons (2 new, 0 updated), 1 guardian bindings\n"
                + "Dry run: the file is valid, nothing was written.\n", dry[0]);
        assertTrue(core.persons.person("stu-1", null).isEmpty());

        String[] done = run(f, false, "zh-CN");
        assertEquals("已检查 2 行：2 人（新增 2，更新 0），监护关系 1 条\n已导入。\n", done[0]);
        assertEquals("", done[1]);
        assertEquals("张伟, 父亲", core.persons.person("g-1", null).orElseThrow().name());
        assertEquals("karaf", core.audit.query("person", null, null, 0, 1).items().get(0).actor());
    }

    @Test
    void badRowsAreListedAndGbkIsOneErrorLine() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, HEADER + "stu-1,李雷,STUDENT,,,,3-2,,,,\n"
                + "g-1,韩梅梅,GUARDIAN,,not-mail,,,stu-2,,,\n", StandardCharsets.UTF_8);
        String out = run(f, false, "zh-CN")[0];
        assertTrue(out.contains("未导入任何数据：1 行有错误"), out);
        assertTrue(out.contains("第 3 行 [email] 邮箱格式错误 (bad-email)"), out);
        assertTrue(out.contains("第 3 行 [guardian_of] 学生不存在 (unknown-student)"), out);
        assertTrue(core.persons.person("stu-1", null).isEmpty());

        Path gbk = dir.resolve("gbk.csv");
        Files.write(gbk, (HEADER + "stu-1,李雷,STUDENT,,,,3-2,,,,\n").getBytes(Charset.forName("GBK")));
        String[] r = run(gbk, false, "en");
        assertEquals("", r[0]);
        assertTrue(r[1].startsWith("Error: csv-encoding: "), r[1]);
        assertTrue(run(dir.resolve("missing.csv"), false, "en")[1].startsWith("Error: no-such-file"));
    }
}
