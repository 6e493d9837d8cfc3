package org.gatehouse.core.internal.spine;

import java.util.Collection;
import java.util.Set;

import org.gatehouse.api.service.EventService;

/** The spine as the other domains of the core see it: the api service plus a batch look-up of stored events. */
public interface StoredEvents extends EventService {
    /** @return those of the ids whose events are stored (read in batches, one query per few hundred ids) */
    Set<String> stored(Collection<String> ids);
}
