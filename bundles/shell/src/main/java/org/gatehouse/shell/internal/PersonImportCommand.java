package org.gatehouse.shell.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.PersonService.ImportSummary;
import org.gatehouse.api.service.PersonService.RowProblem;

@Command(scope = "gatehouse", name = "person-import",
        description = "Imports persons and guardian bindings from a CSV file (UTF-8, header row; see the README)."
                + " Every row is checked first; nothing is written unless every row is valid.")
@Service
public class PersonImportCommand extends GatehouseAction {
    /** Largest file read (core refuses more than 20,000 rows anyway). */
    static final long MAX_FILE_BYTES = 20L * 1024 * 1024;

    @Reference
    PersonService persons;

    @Argument(index = 0, name = "file", required = true, description = "The CSV file")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--dry-run", description = "Only check the file, write nothing")
    boolean dryRun;

    @Option(name = "--lang", description = "Language of the summary: en or zh-CN (default: the system's)")
    String lang;

    @Override
    protected void run() throws Exception {
        Path f = existingFile(file);
        if (Files.size(f) > MAX_FILE_BYTES) {
            throw GatehouseException.invalid("file-too-large", f + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        ImportSummary s = persons.importCsv(Files.readAllBytes(f), dryRun, currentUser());
        print(s, Text.of(lang), System.out);
    }

    static void print(ImportSummary s, Text t, PrintStream out) {
        out.println(t.get("checked", s.rows(), s.persons(), s.created(), s.updated(), s.bindings()));
        if (!s.problems().isEmpty()) {
            long rows = s.problems().stream().mapToInt(RowProblem::row).distinct().count();
            out.println(t.get("invalid", rows));
            for (RowProblem p : s.problems()) {
                out.println(t.get("problem", p.row(), p.column() == null ? "-" : p.column(), t.reason(p.code()),
                        p.message()));
            }
        } else {
            out.println(t.get(s.written() ? "written" : "dry-run"));
        }
    }

    /** Texts of the command in English and Chinese (zh-CN). */
    static final class Text extends Texts {
        private static final Map<String, String[]> TEXTS = Map.ofEntries(
                Map.entry("checked", new String[] {"Checked %d rows: %d persons (%d new, %d updated), %d guardian"
                        + " bindings", "已检查 %d 行：%d 人（新增 %d，更新 %d），监护关系 %d 条"}),
                Map.entry("invalid", new String[] {"Nothing imported: %d rows are invalid", "未导入任何数据：%d 行有错误"}),
                Map.entry("problem", new String[] {"  row %d [%s] %s: %s", "  第 %d 行 [%s] %s：%s"}),
                Map.entry("written", new String[] {"Imported.", "已导入。"}),
                Map.entry("dry-run", new String[] {"Dry run: the file is valid, nothing was written.",
                        "试运行：文件无误，未写入任何数据。"}),
                Map.entry("reason.missing-id", new String[] {"id missing", "缺少编号"}),
                Map.entry("reason.bad-id", new String[] {"bad id", "编号格式错误"}),
                Map.entry("reason.missing-name", new String[] {"name missing", "缺少姓名"}),
                Map.entry("reason.missing-role", new String[] {"role missing", "缺少身份"}),
                Map.entry("reason.bad-role", new String[] {"unknown role", "未知身份"}),
                Map.entry("reason.bad-phone", new String[] {"bad phone number", "手机号格式错误"}),
                Map.entry("reason.bad-email", new String[] {"bad e-mail", "邮箱格式错误"}),
                Map.entry("reason.bad-language", new String[] {"unknown language", "未知语言"}),
                Map.entry("reason.bad-group", new String[] {"bad class/group", "班级格式错误"}),
                Map.entry("reason.bad-channel", new String[] {"unknown channel", "未知通知渠道"}),
                Map.entry("reason.bad-consent", new String[] {"consent not yes/no", "同意栏应为是/否"}),
                Map.entry("reason.unknown-student", new String[] {"unknown student", "学生不存在"}),
                Map.entry("reason.not-a-student", new String[] {"not a student", "对方不是学生"}),
                Map.entry("reason.not-a-guardian", new String[] {"not a guardian", "该行不是家长"}),
                Map.entry("reason.duplicate-id", new String[] {"id repeated with other data", "编号重复且信息不一致"}),
                Map.entry("reason.duplicate-binding", new String[] {"binding repeated with other data",
                        "监护关系重复且信息不一致"}),
                Map.entry("reason.extra-fields", new String[] {"more fields than columns", "字段数多于表头"}));

        private Text(String language) {
            super(TEXTS, language);
        }

        /** @param language {@code zh}, {@code zh-CN} or {@code en}; null for the JVM's default locale */
        static Text of(String language) {
            return new Text(language);
        }
    }
}
