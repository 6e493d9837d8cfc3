package org.gatehouse.api.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.gatehouse.api.Person;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The duty roster: who is on duty now. A shift puts a person on a post ({@code guard-room}, {@code leader}, ...) on
 * some days of the week from a local start time to a local end time, in the time zone of the shift's site. An end at
 * or before the start crosses midnight (22:00-06:00 on Monday runs into Tuesday morning); start equal to end is a
 * whole day. An optional date range limits the days a shift starts on.
 */
@ProviderType
public interface DutyService {
    /** Post of the duty leader, notified when an alarm is escalated. */
    String LEADER = "leader";

    /**
     * A shift.
     *
     * @param id       shift id; null on create for a generated one
     * @param siteId   site whose time zone applies; null for the first site
     * @param personId the person on duty (usually STAFF)
     * @param post     post in lower-kebab case, e.g. {@code guard-room} or {@code leader}
     * @param days     days of the week the shift starts on; empty for every day
     * @param start    local start time
     * @param end      local end time; at or before start crosses midnight
     * @param from     first date the shift starts on, null for no limit
     * @param until    last date the shift starts on, null for no limit
     */
    record Shift(String id, String siteId, String personId, String post, List<DayOfWeek> days, LocalTime start,
                 LocalTime end, LocalDate from, LocalDate until) {
        public Shift {
            days = days == null ? List.of() : List.copyOf(days);
        }
    }

    /** A person on duty: the shift and the person. */
    record OnDuty(Shift shift, Person person) {
    }

    /** @return every shift, ordered by post, start time and id */
    List<Shift> shifts();

    /**
     * Creates or replaces a shift.
     *
     * @throws org.gatehouse.api.GatehouseException INVALID ({@code bad-shift}, {@code bad-post}), NOT_FOUND
     *         ({@code unknown-person}, {@code unknown-site})
     */
    Shift save(Shift shift, String actor);

    /** Deletes a shift; NOT_FOUND {@code unknown-shift} when missing. */
    void delete(String id, String actor);

    /** @return the people on duty at an instant, ordered by post */
    List<OnDuty> onDuty(Instant at);

    /**
     * How to reach the people on duty on a post at an instant: by SMS when they have a phone, else by e-mail.
     *
     * @param post null for every post
     */
    List<PersonService.Contact> contacts(String post, Instant at);
}
