package org.gatehouse.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.PersonService.Contact;
import org.gatehouse.api.service.TemplateService;
import org.junit.jupiter.api.Test;

/** The template, duty and notice commands against small in-memory services. */
class NoticeCommandsTest {
    static final Person GRACE = new Person("g-1", "Grace", PersonRole.GUARDIAN, "+8613800000001", null, "en", null);

    /** Records created notices; audience "class:x" is refused like the real service does. */
    static final class Notices implements NoticeService {
        final List<Notice> created = new ArrayList<>();

        @Override
        public Notice create(Notice n, String actor) {
            if (n.audience().equals("class:x")) {
                throw GatehouseException.invalid("bad-audience", "audience term 'class:x' is not valid");
            }
            Notice s = new Notice("n-1", n.texts(), n.templateKind(), n.variables(), n.audience(), n.schedule(),
                    n.priority(), Status.SCHEDULED, Instant.EPOCH, actor, Instant.parse("2026-11-27T08:00:00Z"), 0);
            created.add(s);
            return s;
        }

        @Override
        public Page<Notice> list(int offset, int limit) {
            return new Page<>(created, created.size(), offset, limit);
        }

        @Override
        public Optional<NoticeStats> get(String id) {
            return created.stream().filter(n -> n.id().equals(id)).findFirst()
                    .map(n -> new NoticeStats(n, new Stats(3, 0, 1, 2, 0, 1)));
        }

        @Override
        public Notice cancel(String id, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Recipient> recipients(String id, int offset, int limit) {
            return new Page<>(List.of(), 0, offset, limit);
        }

        @Override
        public boolean markRead(String id, String personId, String occurrence) {
            return false;
        }

        @Override
        public List<Contact> audience(String audience) {
            return List.of(new Contact(GRACE, "sms", GRACE.phone(), "en"));
        }
    }

    @Test
    void noticeSendBuildsAWeeklyTemplateNoticeAndListShowsStatistics() throws Exception {
        Notices notices = new Notices();
        NoticeSendCommand send = new NoticeSendCommand();
        send.notices = notices;
        send.audience = "guardians";
        send.template = "notice.safety.fraud";
        send.vars = List.of("week=第3周");
        send.weekly = "friday@16:00";
        send.until = "2026-08-31";
        try (Capture c = new Capture()) {
            send.execute();
            assertTrue(c.out().contains("Notice n-1 SCHEDULED") && c.out().contains("reaches 1 people"), c.out());
        }
        NoticeService.Notice n = notices.created.get(0);
        assertEquals(new NoticeService.Schedule(NoticeService.Repeat.WEEKLY, null, DayOfWeek.FRIDAY,
                LocalTime.of(16, 0), LocalDate.parse("2026-08-31")), n.schedule());
        assertEquals(Map.of("week", "第3周"), n.variables());

        NoticeListCommand list = new NoticeListCommand();
        list.notices = notices;
        try (Capture c = new Capture()) {
            list.execute();
            assertTrue(c.out().contains("weekly FRIDAY 16:00 until 2026-08-31"), c.out());
            assertTrue(c.out().matches("(?s).*n-1.*\\b3\\b.*\\b2\\b.*"), c.out());
        }
    }

    @Test
    void badInputPrintsOneLine() throws Exception {
        NoticeSendCommand send = new NoticeSendCommand();
        send.notices = new Notices();
        send.audience = "school";
        try (Capture c = new Capture()) {
            send.execute();
            assertTrue(c.err().contains("missing-text"), c.err());
        }
        send.audience = "class:x";
        send.title = "t";
        send.text = "body";
        try (Capture c = new Capture()) {
            send.execute();
            assertTrue(c.err().contains("bad-audience") && !c.err().contains("\tat "), c.err());
        }
        send.audience = "school";
        send.weekly = "FRIDAY@16:00";
        try (Capture c = new Capture()) {
            send.execute();
            assertTrue(c.err().contains("bad-schedule"), c.err());
        }
    }

    @Test
    void dutyNowAndTemplateList() throws Exception {
        DutyService.Shift night = new DutyService.Shift("n", null, "staff-zhao", "guard-room", List.of(),
                LocalTime.of(20, 0), LocalTime.of(8, 0), null, null);
        DutyService duty = new DutyService() {
            public List<Shift> shifts() {
                return List.of(night);
            }

            public Shift save(Shift s, String a) {
                return s;
            }

            public void delete(String id, String a) {
            }

            public List<OnDuty> onDuty(Instant at) {
                return List.of(new OnDuty(night, new Person("staff-zhao", "赵保安", PersonRole.STAFF,
                        "+8613800000103", null, "zh-CN", null)));
            }

            public List<Contact> contacts(String post, Instant at) {
                return List.of();
            }
        };
        DutyNowCommand now = new DutyNowCommand();
        now.duty = duty;
        try (Capture c = new Capture()) {
            now.execute();
            assertTrue(c.out().contains("赵保安") && c.out().contains("20:00-08:00 (+1 day)"), c.out());
        }
        now.at = "yesterday";
        try (Capture c = new Capture()) {
            now.execute();
            assertTrue(c.err().contains("invalid-at"), c.err());
        }
        DutyListCommand list = new DutyListCommand();
        list.duty = duty;
        try (Capture c = new Capture()) {
            list.execute();
            assertTrue(c.out().contains("every day"), c.out());
        }

        TemplateService.MessageKind kind = new TemplateService.MessageKind("notice.closure", "closure", List.of(
                new TemplateService.Variable("school", true, "school"), new TemplateService.Variable("resume", false, "r")));
        TemplateService templates = new TemplateService() {
            public List<MessageKind> kinds() {
                return List.of(kind);
            }

            public Optional<MessageKind> kind(String k) {
                return Optional.of(kind);
            }

            public List<Template> templates(String k) {
                return List.of(new Template("notice.closure", "zh-CN", "【{{school}}】停课", "b", false, null, null),
                        new Template("notice.closure", "en", "{{school}} closed", "b", true, Instant.EPOCH, "admin"));
            }

            public Optional<Template> template(String k, String l) {
                return Optional.empty();
            }

            public Template save(String k, String l, String s, String b, String a) {
                return null;
            }

            public Template reset(String k, String l, String a) {
                return null;
            }

            public Rendered render(String k, String l, Map<String, String> v) {
                return null;
            }
        };
        TemplateListCommand tl = new TemplateListCommand();
        tl.templates = templates;
        try (Capture c = new Capture()) {
            tl.execute();
            assertTrue(c.out().contains("school* resume") && c.out().contains("custom (admin)")
                    && c.out().contains("default"), c.out());
        }
    }
}
