package org.gatehouse.rest.internal.access;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.access.Attendance;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.account.Scope;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Roles;

/** /attendance: first in / last out per student on a day (default today in the gate time zone). */
@Path("/attendance")
@Produces(MediaType.APPLICATION_JSON)
public class AttendanceResource {
    private final Services services;

    public AttendanceResource(Services services) {
        this.services = services;
    }

    /** One row of the answer: the attendance with its derived absent flag. */
    public record Row(String personId, String name, String group, java.time.Instant firstIn,
                      java.time.Instant lastOut, boolean absent) {
    }

    @GET
    @Roles({Roles.SECURITY, Roles.TEACHER})
    public List<Row> attendance(@QueryParam("date") String date, @QueryParam("group") String group,
                                @Context SecurityContext sc) {
        return rows(date, Scope.group(services, sc, Params.text(group)));
    }

    /**
     * The rows of a day (default today) and group (null for every student), without a role check: callers check.
     *
     * @throws ApiException 400 {@code invalid-parameter} for a date that is not an ISO date
     */
    public List<Row> rows(String date, String group) {
        LocalDate d = null;
        if (date != null && !date.isBlank()) {
            try {
                d = LocalDate.parse(date.trim());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("invalid-parameter", "date must be an ISO date (2026-03-02)");
            }
        }
        return passages().attendance(d, group).stream()
                .map((Attendance a) -> new Row(a.personId(), a.name(), a.group(), a.firstIn(), a.lastOut(),
                        a.absent()))
                .toList();
    }

    private PassageService passages() {
        return services.get(PassageService.class);
    }
}
