package org.gatehouse.rest.internal.access;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gatehouse.api.access.AttendanceRule;
import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.AttendanceSummary;
import org.gatehouse.api.access.CalendarDay;
import org.gatehouse.api.access.DayRecord;
import org.gatehouse.api.access.SchoolTerm;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.account.Scope;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Bodies;
import org.gatehouse.rest.internal.common.Params;
import org.gatehouse.rest.internal.common.Records;
import org.gatehouse.rest.internal.common.Roles;
import org.gatehouse.support.report.AttendanceReport;

/**
 * /attendance/terms, /calendar, /rules (the school calendar and the arrival rules; admin changes them), and
 * /attendance/records, /summary, /report (the judged attendance; a teacher sees its own class only). GET /attendance
 * itself stays with {@link AttendanceResource}.
 */
@Path("/attendance")
@Produces(MediaType.APPLICATION_JSON)
public class AttendanceCalendarResource {
    private static final Set<String> STATUSES = Set.of(DayRecord.PRESENT, DayRecord.LATE, DayRecord.ABSENT,
            DayRecord.LEFT_EARLY, DayRecord.LATE_LEFT_EARLY, DayRecord.EXCUSED);
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private final Services services;
    private final Bodies bodies;

    public AttendanceCalendarResource(Services services, Bodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    /** Body of PUT /attendance/terms/{id}; the id may be left out. */
    public record TermBody(String id, String name, LocalDate from, LocalDate to) {
    }

    /** Body of PUT /attendance/calendar/{date}. */
    public record DayBody(Boolean schoolDay, String note) {
    }

    /** Body of PUT /attendance/rules/{grade}; the grade may be left out. */
    public record RuleBody(String grade, LocalTime arriveBy, LocalTime leaveAfter) {
    }

    /** A rule as the API shows it: times as HH:mm. */
    public record Rule(String grade, String arriveBy, String leaveAfter) {
        static Rule of(AttendanceRule r) {
            return new Rule(r.grade(), HM.format(r.arriveBy()), HM.format(r.leaveAfter()));
        }
    }

    /** Answer of GET /attendance/calendar: the exceptions and every school day of the range. */
    public record Calendar(LocalDate from, LocalDate to, List<CalendarDay> days, List<LocalDate> schoolDays) {
    }

    @GET
    @Path("/terms")
    @Roles({Roles.SECURITY, Roles.TEACHER, Roles.INTEGRATOR})
    public List<SchoolTerm> terms() {
        return attendance().terms();
    }

    @PUT
    @Path("/terms/{id}")
    @Roles(Roles.ADMIN)
    public SchoolTerm saveTerm(@PathParam("id") String id, InputStream body, @Context SecurityContext sc) {
        TermBody t = bodies.read(body, TermBody.class);
        Records.checkId(id, t.id());
        return attendance().saveTerm(new SchoolTerm(id, t.name(), t.from(), t.to()), Params.user(sc));
    }

    @DELETE
    @Path("/terms/{id}")
    @Roles(Roles.ADMIN)
    public Response deleteTerm(@PathParam("id") String id, @Context SecurityContext sc) {
        attendance().deleteTerm(id, Params.user(sc));
        return Response.noContent().build();
    }

    @GET
    @Path("/calendar")
    @Roles({Roles.SECURITY, Roles.TEACHER, Roles.INTEGRATOR})
    public Calendar calendar(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate f = AttendanceReport.day("from", from);
        LocalDate t = AttendanceReport.day("to", to);
        AttendanceService a = attendance();
        List<CalendarDay> days = a.days(f, t);
        List<LocalDate> school = f.datesUntil(t.plusDays(1)).filter(a::schoolDay).toList();
        return new Calendar(f, t, days, school);
    }

    @PUT
    @Path("/calendar/{date}")
    @Roles(Roles.ADMIN)
    public CalendarDay saveDay(@PathParam("date") String date, InputStream body, @Context SecurityContext sc) {
        LocalDate d = AttendanceReport.day("date", date);
        DayBody b = bodies.read(body, DayBody.class);
        if (b.schoolDay() == null) {
            throw ApiException.badRequest("bad-day", "schoolDay (true or false) is required");
        }
        return attendance().saveDay(new CalendarDay(d, b.schoolDay(), b.note()), Params.user(sc));
    }

    @DELETE
    @Path("/calendar/{date}")
    @Roles(Roles.ADMIN)
    public Response deleteDay(@PathParam("date") String date, @Context SecurityContext sc) {
        attendance().deleteDay(AttendanceReport.day("date", date), Params.user(sc));
        return Response.noContent().build();
    }

    @GET
    @Path("/rules")
    @Roles({Roles.SECURITY, Roles.TEACHER, Roles.INTEGRATOR})
    public List<Rule> rules() {
        return attendance().rules().stream().map(Rule::of).toList();
    }

    @PUT
    @Path("/rules/{grade}")
    @Roles(Roles.ADMIN)
    public Rule saveRule(@PathParam("grade") String grade, InputStream body, @Context SecurityContext sc) {
        RuleBody r = bodies.read(body, RuleBody.class);
        Records.checkId(grade, r.grade());
        return Rule.of(attendance().saveRule(new AttendanceRule(grade, r.arriveBy(), r.leaveAfter()),
                Params.user(sc)));
    }

    @DELETE
    @Path("/rules/{grade}")
    @Roles(Roles.ADMIN)
    public Response deleteRule(@PathParam("grade") String grade, @Context SecurityContext sc) {
        attendance().deleteRule(grade, Params.user(sc));
        return Response.noContent().build();
    }

    @GET
    @Path("/records")
    @Roles({Roles.SECURITY, Roles.TEACHER, Roles.INTEGRATOR})
    public List<DayRecord> records(@QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("group") String group, @QueryParam("status") String status,
                                   @Context SecurityContext sc) {
        String st = Params.text(status);
        if (st != null && !STATUSES.contains(st)) {
            throw ApiException.badRequest("invalid-parameter", "status must be one of " + STATUSES);
        }
        List<DayRecord> all = attendance().records(AttendanceReport.day("from", from),
                AttendanceReport.day("to", to), Scope.group(services, sc, Params.text(group)));
        return st == null ? all : all.stream().filter(r -> r.status().equals(st)).toList();
    }

    @GET
    @Path("/summary")
    @Roles({Roles.SECURITY, Roles.TEACHER, Roles.INTEGRATOR})
    public List<AttendanceSummary> summary(@QueryParam("from") String from, @QueryParam("to") String to,
                                           @QueryParam("group") String group, @Context SecurityContext sc) {
        return attendance().summary(AttendanceReport.day("from", from), AttendanceReport.day("to", to),
                Scope.group(services, sc, Params.text(group)));
    }

    /** The report file: XLSX (default) or CSV, one row per student and school day (default) or month. */
    @GET
    @Path("/report")
    @Produces({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv",
            MediaType.APPLICATION_JSON})
    @Roles({Roles.SECURITY, Roles.TEACHER, Roles.INTEGRATOR})
    public Response report(@QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("group") String group, @QueryParam("format") String format,
                           @QueryParam("by") String by, @QueryParam("lang") String lang,
                           @Context SecurityContext sc) {
        LocalDate f = AttendanceReport.day("from", from);
        LocalDate t = AttendanceReport.day("to", to);
        AttendanceReport.Format fmt = AttendanceReport.format(format);
        AttendanceReport writer = new AttendanceReport(AttendanceReport.by(by), fmt, lang,
                AttendanceReport.zone(services.get(SiteService.class).sites()));
        String g = Scope.group(services, sc, Params.text(group));
        List<DayRecord> records = attendance().records(f, t, g);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(records, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = AttendanceReport.filename(f, t, g, fmt);
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(out.toByteArray(), fmt.mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }

    private AttendanceService attendance() {
        return services.get(AttendanceService.class);
    }
}
