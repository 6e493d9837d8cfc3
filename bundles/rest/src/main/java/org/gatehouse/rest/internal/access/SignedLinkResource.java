package org.gatehouse.rest.internal.access;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.service.SignedLinks;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.Public;

/**
 * /s/{token}: the passage snapshot of a signed, expiring link (the link of a guardian message), without login. A
 * token for {@code passage:<id>} answers the image, one for {@code event:<id>} the event's snapshot (a passage's or a
 * camera's presence snapshot, as {@code GET /events/{id}/snapshot}); the read is audited with reader {@code link}. An expired token is
 * 410 {@code link-expired}; a token that is not genuine, or names anything else, 404 {@code unknown-link}.
 */
@Path("/s")
public class SignedLinkResource {
    /** Who reads a snapshot through a link, in the audit trail. */
    static final String READER = "link";
    private static final String PASSAGE = "passage:";
    /** Subject of a link to an event's snapshot (a camera's presence, a danger warning that copied it). */
    public static final String EVENT = "event:";
    private final Services services;
    private final org.gatehouse.rest.internal.live.LiveViews cameras;

    public SignedLinkResource(Services services) {
        this(services, org.gatehouse.rest.internal.live.LiveViews.none());
    }

    /** @param cameras the cameras' live views, which answer their presence snapshots */
    public SignedLinkResource(Services services, org.gatehouse.rest.internal.live.LiveViews cameras) {
        this.services = services;
        this.cameras = cameras;
    }

    @GET
    @Path("{token}")
    @Produces({"image/jpeg", "image/png", MediaType.APPLICATION_JSON})
    @Public
    public Response open(@PathParam("token") String token) {
        String subject = subject(services, token);
        if (subject != null && subject.startsWith(EVENT) && subject.length() > EVENT.length()) {
            org.gatehouse.api.SecurityEvent e = services.get(org.gatehouse.api.service.EventService.class)
                    .get(subject.substring(EVENT.length()))
                    .orElseThrow(() -> ApiException.notFound("unknown-link", "this link is not valid"));
            return org.gatehouse.rest.internal.event.EventResource.image(services, cameras, e, READER);
        }
        if (subject == null || !subject.startsWith(PASSAGE)) {
            throw ApiException.notFound("unknown-link", "this link is not valid");
        }
        long id;
        try {
            id = Long.parseLong(subject.substring(PASSAGE.length()));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("unknown-link", "this link is not valid");
        }
        return PassageResource.image(services.get(PassageService.class), id, READER);
    }

    /**
     * @return the subject a genuine token was signed for, null for a token that is not genuine
     * @throws ApiException 410 {@code link-expired} for a genuine token whose time is over
     */
    public static String subject(Services services, String token) {
        try {
            return services.get(SignedLinks.class).verify(token).orElse(null);
        } catch (GatehouseException e) {
            if ("link-expired".equals(e.code())) {
                throw new ApiException(410, "link-expired", "this link has expired; ask for a new one");
            }
            throw e;
        }
    }
}
