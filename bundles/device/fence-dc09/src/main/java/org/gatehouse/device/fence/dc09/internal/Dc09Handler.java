package org.gatehouse.device.fence.dc09.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.device.DeviceSink;
import org.gatehouse.api.perimeter.FenceEvents;
import org.gatehouse.device.fence.dc09.internal.Dc09Exception.Reply;
import org.gatehouse.device.fence.dc09.internal.Dc09Settings.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one received frame into events and the reply: ACK once every event of the frame is stored, NAK for a frame
 * not received correctly or out of the time window, DUH for one that cannot be handled, nothing when storing failed
 * (the panel sends again). Thread-safe: TCP connections and the UDP socket call it at once.
 */
final class Dc09Handler {
    private static final Logger LOG = LoggerFactory.getLogger(Dc09Handler.class);

    /** Attribute: the partition (area) of the panel. */
    static final String ATTR_PARTITION = "partition";

    private final Dc09Settings settings;
    private final DeviceSink sink;
    private final Clock clock;
    private final Map<String, AccountState> states = new ConcurrentHashMap<>();

    /** What the receiver remembers of an account: recent sequence numbers and when it last spoke. */
    private static final class AccountState {
        final Map<String, Seen> recent; // seq -> event id base; guarded by this
        volatile Instant lastHeard;
        volatile boolean lost;

        AccountState(int window, Instant since) {
            recent = new LinkedHashMap<>(16, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                    return size() > window;
                }
            };
            lastHeard = since;
        }
    }

    /** A sequence number heard recently: the id its events got. */
    private record Seen(String id, Instant at) {
    }

    /** How long a sequence number counts as a repeat (within the window of the last N). */
    static final Duration REPEAT_AGE = Duration.ofMinutes(10);

    Dc09Handler(Dc09Settings settings, DeviceSink sink, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.clock = clock;
        Instant now = clock.instant();
        for (String a : settings.accounts().keySet()) {
            states.put(a, new AccountState(settings.repeatWindow(), now));
        }
    }

    /**
     * @param inner the frame between LF and CR
     * @param from  the sender, for log lines
     * @return the reply frame, or null for none
     */
    byte[] handle(byte[] inner, String from) {
        Instant now = clock.instant();
        Dc09Message m;
        try {
            m = Dc09Codec.parse(inner, this::key);
            if (m.account() == null) {
                throw new Dc09Exception(Reply.DUH, "message " + m.wireId() + " names no account", m);
            }
            checkTime(m, now);
            if (!Dc09Message.NULL.equals(m.id()) && !Dc09Message.ADM_CID.equals(m.id())
                    && !Dc09Message.SIA_DCS.equals(m.id())) {
                throw new Dc09Exception(Reply.DUH, "account " + m.account() + ": message id " + m.wireId()
                        + " is not handled (ADM-CID, SIA-DCS, NULL)", m);
            }
            if (!Dc09Message.NULL.equals(m.id()) && !store(m, now)) {
                return null;
            }
        } catch (Dc09Exception e) {
            LOG.warn("DC-09 {} from {}: {}", e.reply(), from, e.getMessage());
            return e.reply() == Reply.NAK ? Dc09Codec.nak(now) : Dc09Codec.duh(e.message(), now);
        }
        heard(m.account(), now);
        return Dc09Codec.ack(m, now, settings.accounts().get(m.account().toUpperCase()).key());
    }

    private byte[] key(Dc09Message header) throws Dc09Exception {
        Account a = settings.accounts().get(header.account().toUpperCase());
        if (a == null) {
            throw new Dc09Exception(Reply.DUH, "unknown account " + header.account(), header);
        }
        return a.key();
    }

    private void checkTime(Dc09Message m, Instant now) throws Dc09Exception {
        if (m.timestamp() == null) {
            return;
        }
        Duration skew = Duration.between(now, m.timestamp());
        if (skew.compareTo(settings.past().negated()) < 0 || skew.compareTo(settings.future()) > 0) {
            throw new Dc09Exception(Reply.NAK, "account " + m.account() + ": timestamp " + m.stamp() + " is "
                    + Math.abs(skew.toSeconds()) + " s " + (skew.isNegative() ? "old" : "ahead") + ", outside -"
                    + settings.past().toSeconds() + " s .. +" + settings.future().toSeconds() + " s", m);
        }
    }

    /** @return whether every event of the message is stored (new or already stored) */
    private boolean store(Dc09Message m, Instant now) throws Dc09Exception {
        Account account = settings.accounts().get(m.account().toUpperCase());
        List<Signal> signals = Signal.parse(m);
        Map<Signal, String> devices = new HashMap<>();
        for (Signal s : signals) {
            String device = account.deviceOf(s.zone());
            if (device == null) {
                throw new Dc09Exception(Reply.DUH, "account " + m.account() + ": zone " + s.zone()
                        + " is not mapped (zone." + m.account() + "." + s.zone() + ")", m);
            }
            devices.put(s, device);
        }
        String base = eventId(m, now);
        Instant time = m.timestamp() != null ? m.timestamp() : now;
        int stored = 0;
        for (int i = 0; i < signals.size(); i++) {
            Signal s = signals.get(i);
            EventTable.Entry e = settings.table().lookup(s);
            Map<String, String> attrs = new HashMap<>();
            attrs.put(FenceEvents.ATTR_ACCOUNT, m.account());
            attrs.put(FenceEvents.ATTR_CODE, s.code());
            if (!s.zone().isEmpty()) {
                attrs.put(FenceEvents.ATTR_PANEL_ZONE, s.zone());
            }
            if (!s.partition().isEmpty()) {
                attrs.put(ATTR_PARTITION, s.partition());
            }
            if (e.restore()) {
                attrs.put(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE);
            }
            String id = signals.size() == 1 ? base : base + "-" + i;
            SecurityEvent event = new SecurityEvent(id, time, null, null, null, e.type(), e.severity(), attrs, null,
                    null);
            try {
                if (!sink.event(event, devices.get(s)).duplicate()) {
                    stored++;
                }
            } catch (GatehouseException ex) {
                throw new Dc09Exception(Reply.DUH, "account " + m.account() + ": event " + s.code() + " for device "
                        + devices.get(s) + " refused: " + ex.getMessage(), m);
            } catch (RuntimeException ex) {
                LOG.warn("DC-09 account {} seq {}: could not store event {} (not acknowledged, the panel sends "
                        + "again): {}", m.account(), m.seq(), s.code(), ex.toString());
                return false;
            }
        }
        if (stored == 0) {
            LOG.info("DC-09 account {} seq {}: repeated message acknowledged again, stored once", m.account(),
                    m.seq());
        }
        return true;
    }

    /**
     * @return the id of the message's events: account, sequence and timestamp (arrival time when it has none), so
     *         that a repeat is stored once also after a restart; a sequence number heard again within the repeat
     *         window (the last N of the account, 10 minutes) takes the id it got then, even with a new timestamp
     */
    private String eventId(Dc09Message m, Instant now) {
        String account = m.account().toUpperCase();
        AccountState state = states.get(account);
        synchronized (state) {
            Seen seen = state.recent.get(m.seq());
            if (seen != null && Duration.between(seen.at(), now).compareTo(REPEAT_AGE) < 0) {
                return seen.id();
            }
            String id = "dc09-" + account + "-" + m.seq() + "-"
                    + (m.timestamp() != null ? m.timestamp().getEpochSecond() : "r" + now.toEpochMilli());
            state.recent.remove(m.seq());
            state.recent.put(m.seq(), new Seen(id, now));
            return id;
        }
    }

    private void heard(String account, Instant now) {
        AccountState state = states.get(account.toUpperCase());
        state.lastHeard = now;
        if (state.lost) {
            state.lost = false;
            linkEvent(settings.accounts().get(account.toUpperCase()), true, now);
        }
    }

    /** Raises fence.link.lost for accounts silent for 2.5 link test periods. Called by the receiver's timer. */
    void supervise() {
        Instant now = clock.instant();
        for (Account a : settings.accounts().values()) {
            if (a.supervision().isZero()) {
                continue;
            }
            AccountState state = states.get(a.number());
            Duration silence = Duration.between(state.lastHeard, now);
            if (!state.lost && silence.toMillis() * 2 > a.supervision().toMillis() * 5) {
                state.lost = true;
                LOG.warn("DC-09 account {} silent for {} s (link test every {} s): link lost", a.number(),
                        silence.toSeconds(), a.supervision().toSeconds());
                linkEvent(a, false, now);
            }
        }
    }

    private void linkEvent(Account a, boolean restore, Instant now) {
        Map<String, String> attrs = new HashMap<>();
        attrs.put(FenceEvents.ATTR_ACCOUNT, a.number());
        if (restore) {
            attrs.put(SecurityEvent.ATTR_STATE, SecurityEvent.STATE_RESTORE);
            LOG.info("DC-09 account {} speaks again: link restored", a.number());
        }
        try {
            sink.event(new SecurityEvent(null, now, null, null, null, FenceEvents.LINK_LOST, Severity.MAJOR, attrs,
                    null, null), a.device());
        } catch (RuntimeException e) {
            LOG.warn("DC-09 account {}: could not report link {}: {}", a.number(), restore ? "restored" : "lost",
                    e.getMessage());
        }
    }

    /** @return the time the account was last heard, for tests */
    Instant lastHeard(String account) {
        AccountState s = states.get(account.toUpperCase());
        return s == null ? null : s.lastHeard;
    }
}
