package org.gatehouse.shell.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.NoticeService.Notice;
import org.gatehouse.api.service.NoticeService.Repeat;
import org.gatehouse.api.service.NoticeService.Schedule;
import org.gatehouse.api.service.NoticeService.Text;

@Command(scope = "gatehouse", name = "notice-send", description = "Sends a home-school notice to an audience, now, "
        + "at a time or weekly. Either a template kind (-t, with -v name=value) or a title and a text. Examples: "
        + "notice-send -a class:3-2 -t notice.safety.drowning ; "
        + "notice-send -a school --title 停课通知 \"明天因台风停课\" ; "
        + "notice-send -a guardians -t notice.safety.fraud --weekly FRIDAY@16:00 --until 2026-08-31")
@Service
public class NoticeSendCommand extends GatehouseAction {

    @Reference
    NoticeService notices;

    @Option(name = "--audience", aliases = "-a", required = true, description = "school, guardians, staff, grade:<n>, "
            + "class:<n>-<m>, group:<g>, role:<ROLE>; comma-separated")
    String audience;

    @Option(name = "--template", aliases = "-t", description = "Notice template kind (see gatehouse:template-list)")
    String template;

    @Option(name = "--var", aliases = "-v", multiValued = true, description = "Template variable name=value")
    List<String> vars;

    @Option(name = "--title", description = "Title, when no template is used")
    String title;

    @Option(name = "--lang", aliases = "-l", description = "Language of --title and the text: zh-CN (default) or en")
    String lang = "zh-CN";

    @Option(name = "--id", description = "Notice id (default: generated)")
    String id;

    @Option(name = "--at", description = "Send once at this ISO-8601 instant instead of now")
    String at;

    @Option(name = "--weekly", description = "Send weekly on DAY@HH:mm in the site's time zone, e.g. FRIDAY@16:00")
    String weekly;

    @Option(name = "--until", description = "Last date of a weekly notice (yyyy-MM-dd)")
    String until;

    @Argument(index = 0, name = "text", description = "Text of the notice, when no template is used")
    String text;

    @Override
    protected void run() {
        Map<String, String> variables = new LinkedHashMap<>();
        if (vars != null) {
            for (String v : vars) {
                int eq = v.indexOf('=');
                if (eq <= 0) {
                    throw GatehouseException.invalid("invalid-var", "-v needs name=value, not '" + v + "'");
                }
                variables.put(v.substring(0, eq).strip(), v.substring(eq + 1));
            }
        }
        List<Text> texts = List.of();
        if (template == null) {
            if (title == null || text == null) {
                throw GatehouseException.invalid("missing-text", "give -t <template kind>, or --title and a text");
            }
            texts = List.of(new Text(lang, title, text));
        }
        Notice n = notices.create(new Notice(id, texts, template, variables, audience, schedule(), null, null, null,
                null, null, 0), currentUser());
        int reach = notices.audience(audience).size();
        System.out.println("Notice " + n.id() + " " + n.status() + ", first occurrence " + Formats.time(n.nextAt())
                + ", audience " + n.audience() + " reaches " + reach + " people now");
    }

    private Schedule schedule() {
        try {
            if (weekly != null) {
                String[] parts = weekly.split("@");
                if (parts.length != 2 || until == null) {
                    throw GatehouseException.invalid("bad-schedule", "--weekly DAY@HH:mm needs --until yyyy-MM-dd");
                }
                return new Schedule(Repeat.WEEKLY, null, parseEnum(DayOfWeek.class, parts[0], "day"),
                        LocalTime.parse(parts[1]), LocalDate.parse(until));
            }
            return new Schedule(Repeat.ONCE, at == null ? null : Instant.parse(at), null, null, null);
        } catch (DateTimeParseException e) {
            throw GatehouseException.invalid("bad-schedule", "bad time or date: " + e.getParsedString());
        }
    }
}
