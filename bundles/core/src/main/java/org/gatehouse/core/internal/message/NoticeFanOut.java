package org.gatehouse.core.internal.message;

import java.util.List;

import org.gatehouse.api.service.NoticeService.Notice;
import org.gatehouse.api.service.OutboxService.Request;
import org.gatehouse.api.service.PersonService.Contact;

/** The message service as the notice domain sees it: who a notice reaches and what each person gets. */
public interface NoticeFanOut {
    /** A recipient of a notice and the message to queue for them. */
    record NoticeMessage(Contact contact, Request request) {
    }

    /**
     * Checks a notice audience: comma-separated terms {@code school}, {@code guardians}, {@code staff},
     * {@code grade:<n>}, {@code class:<n>-<m>}, {@code group:<g>}, {@code role:<ROLE>}.
     *
     * @throws org.gatehouse.api.GatehouseException INVALID {@code bad-audience}
     */
    void checkAudience(String audience);

    /** @return each person of a notice audience once, ordered by person id */
    List<Contact> audience(String audience);

    /**
     * The messages of one occurrence of a notice, one per person of its audience, in the person's language, with the
     * dedupe key {@code notice:<id>:<occurrence>:<person>}.
     */
    List<NoticeMessage> notice(Notice notice, String occurrence);
}
