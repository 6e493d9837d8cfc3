package org.gatehouse.api.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.api.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Home-school notices (家校互动): an announcement to an audience, sent once or weekly. Sending expands the audience to
 * people (each guardian once, in their language, on their preferred channel) and queues one outbox message per
 * recipient with the dedupe key {@code notice:<id>:<occurrence>:<person>}, so a send repeated after a crash never
 * duplicates a message. Occurrences are derived from the stored notice, so a restart neither loses nor repeats one.
 *
 * <p>Audience: comma-separated terms, each one of {@code school} (every guardian and every staff member),
 * {@code guardians}, {@code staff}, {@code grade:<n>} (guardians of students whose group is {@code <n>-<class>}),
 * {@code class:<n>-<m>} (guardians of students in group {@code <n>-<m>}), {@code group:<g>} (every person in group g,
 * guardians of students in it), {@code role:<ROLE>} (people with that role and their own phone or e-mail).
 */
@ProviderType
public interface NoticeService {
    /** Life cycle of a notice. */
    enum Status { SCHEDULED, DONE, CANCELLED }

    /** How often a notice is sent. */
    enum Repeat { ONCE, WEEKLY }

    /**
     * Title and body in one language.
     *
     * @param language {@code zh-CN} or {@code en}
     */
    record Text(String language, String title, String body) {
    }

    /**
     * When a notice is sent, in the site's time zone.
     *
     * @param repeat ONCE or WEEKLY
     * @param at     ONCE: when; null for now
     * @param day    WEEKLY: day of the week
     * @param time   WEEKLY: local time of day
     * @param until  WEEKLY: last date (inclusive); required
     */
    record Schedule(Repeat repeat, Instant at, DayOfWeek day, LocalTime time, LocalDate until) {
        /** @return a schedule that sends once, now */
        public static Schedule now() {
            return new Schedule(Repeat.ONCE, null, null, null, null);
        }
    }

    /**
     * A notice.
     *
     * @param id           notice id; null on create for a generated one
     * @param texts        title and body per language (the first one serves languages without a text); empty when
     *                     a template is used
     * @param templateKind a notice kind of the {@link TemplateService}, rendered per recipient language; null for
     *                     texts
     * @param variables    values of the template's variables ({@code school}, {@code guardian} and {@code student}
     *                     are filled in per recipient when not given)
     * @param audience     who receives it (see the class comment)
     * @param schedule     when; null for once, now
     * @param priority     outbox priority; null for NORMAL (quiet hours apply)
     * @param status       state, set by the service
     * @param created      set by the service
     * @param createdBy    set by the service
     * @param nextAt       the next occurrence, null when none remains
     * @param sentOccurrences how many occurrences were sent
     */
    record Notice(String id, List<Text> texts, String templateKind, Map<String, String> variables, String audience,
                  Schedule schedule, OutboxService.Priority priority, Status status, Instant created,
                  String createdBy, Instant nextAt, int sentOccurrences) {
        public Notice {
            texts = texts == null ? List.of() : List.copyOf(texts);
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }
    }

    /**
     * Delivery statistics over every occurrence of a notice.
     *
     * @param recipients messages created (one per recipient and occurrence)
     * @param queued     waiting in the outbox
     * @param sent       handed to the channel, no receipt yet
     * @param delivered  confirmed by a delivery receipt
     * @param failed     failed for good
     * @param read       marked read by the recipient's app ({@link #markRead})
     */
    record Stats(long recipients, long queued, long sent, long delivered, long failed, long read) {
    }

    /** A notice with its statistics. */
    record NoticeStats(Notice notice, Stats stats) {
    }

    /** A recipient of one occurrence. */
    record Recipient(String noticeId, String occurrence, String personId, String channel, String address,
                     String language, String messageId, Instant readAt) {
    }

    /**
     * Validates and stores a notice; an occurrence due now is sent at once by the scheduler.
     *
     * @throws org.gatehouse.api.GatehouseException INVALID ({@code bad-audience}, {@code bad-schedule},
     *         {@code missing-text}, {@code template-missing-value}), NOT_FOUND ({@code unknown-template-kind})
     */
    Notice create(Notice notice, String actor);

    /** @return notices, newest first */
    Page<Notice> list(int offset, int limit);

    Optional<NoticeStats> get(String id);

    /** Cancels the remaining occurrences; messages already queued are still delivered. */
    Notice cancel(String id, String actor);

    /** @return the recipients of a notice, all occurrences, ordered by occurrence and person */
    Page<Recipient> recipients(String id, int offset, int limit);

    /**
     * Marks a notice read by a recipient (called by the school's app backend).
     *
     * @param occurrence null for the latest occurrence the person received
     * @return true when a recipient matched (and was not already marked)
     */
    boolean markRead(String id, String personId, String occurrence);

    /**
     * What one person received: its recipient rows over every notice and occurrence, newest notice first (the
     * parents' view of {@code GET /me/notices}). The default walks {@link #list} and {@link #recipients}; the core
     * answers with one query.
     *
     * @since 1.4
     */
    default Page<Recipient> received(String personId, int offset, int limit) {
        java.util.List<Recipient> all = new java.util.ArrayList<>();
        for (int off = 0; ; off += 1000) {
            Page<Notice> notices = list(off, 1000);
            for (Notice n : notices.items()) {
                for (int r = 0; ; r += 1000) {
                    Page<Recipient> page = recipients(n.id(), r, 1000);
                    page.items().stream().filter(x -> x.personId().equals(personId)).forEach(all::add);
                    if (page.items().size() < 1000) {
                        break;
                    }
                }
            }
            if (notices.items().size() < 1000) {
                break;
            }
        }
        int from = Math.min(Math.max(0, offset), all.size());
        return new Page<>(all.subList(from, Math.min(all.size(), from + Math.max(1, limit))), all.size(), offset,
                limit);
    }

    /** @return who an audience reaches now, each person once, without sending */
    List<PersonService.Contact> audience(String audience);
}
