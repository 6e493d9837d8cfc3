package org.gatehouse.api.service;

import java.util.List;
import java.util.Optional;

import org.gatehouse.api.EventQuery;
import org.gatehouse.api.Page;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.device.IngestResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The event spine. {@link #ingest} validates an event, stores it durably and, if it is new, publishes it on
 * EventAdmin topic {@code gatehouse/event/<type with dots as slashes>} and to every subscriber whose pattern matches.
 */
@ProviderType
public interface EventService {
    /**
     * Stores and publishes an event. The device must be registered.
     *
     * @throws org.gatehouse.api.GatehouseException INVALID for missing or malformed fields, NOT_FOUND
     *                                              ({@code unknown-device}) for an unregistered device
     */
    IngestResult ingest(SecurityEvent event);

    /**
     * Stores and publishes a batch, all or nothing: every event is validated first, and if any is invalid none is
     * stored (the exception message starts with {@code event [i]: }). The batch is then stored in one transaction;
     * events whose id is already stored come back as duplicates.
     *
     * @return one result per event, in order
     */
    List<IngestResult> ingestAll(List<SecurityEvent> events);

    Optional<SecurityEvent> get(String id);

    Page<SecurityEvent> query(EventQuery query);

    /**
     * Subscribes to newly stored events. The events of one device are delivered in order; events of different
     * devices may be delivered concurrently from several dispatcher threads, so a listener must be thread-safe.
     * Delivery is at-least-once: after a crash, events stored but not yet dispatched are delivered again.
     *
     * @param typePattern {@code *} for all, an exact type, or a prefix with {@code *} ({@code fence.*})
     * @return closes the subscription
     */
    AutoCloseable subscribe(String typePattern, EventListener listener);

    /** Receives events from {@link #subscribe}. */
    @FunctionalInterface
    interface EventListener {
        void onEvent(SecurityEvent event) throws Exception;
    }

    /** @return events stored since start, and how many wait to be dispatched to subscribers */
    SpineStats stats();

    /**
     * Counters of the spine.
     *
     * @param stored     events stored since start
     * @param duplicates redeliveries recognised since start
     * @param rejected   invalid events refused since start
     * @param pending    stored events not yet dispatched to subscribers
     */
    record SpineStats(long stored, long duplicates, long rejected, int pending) {
    }
}
