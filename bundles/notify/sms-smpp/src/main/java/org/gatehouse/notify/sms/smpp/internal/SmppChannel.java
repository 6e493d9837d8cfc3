package org.gatehouse.notify.sms.smpp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.support.notify.AbstractChannel;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each notification once as one or more submit_sm PDUs over an SMPP 3.4 transceiver session. The session is
 * bound on the first send and bound again on the next send after it was lost; it has no threads of its own besides
 * jsmpp's reader and enquire_link threads. Delivery receipts arriving as deliver_sm go to the receipt callback.
 */
final class SmppChannel extends AbstractChannel implements AutoCloseable {

    static final String CHANNEL_KIND = "sms";

    /**
     * A final delivery receipt of a submitted message.
     *
     * @param provider          provider key of this channel
     * @param providerMessageId the SMSC's message id, as returned by the first submit_sm_resp
     * @param delivered         true for DELIVRD, false for UNDELIV, REJECTD, EXPIRED and DELETED
     * @param detail            receipt state and error code
     */
    record Receipt(String provider, String providerMessageId, boolean delivered, String detail) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SmppChannel.class);
    /** Submit errors that a later try may overcome. */
    private static final Set<Integer> RETRYABLE_SUBMIT = Set.of(SMPPConstant.STAT_ESME_RTHROTTLED,
            SMPPConstant.STAT_ESME_RMSGQFUL, SMPPConstant.STAT_ESME_RSYSERR, SMPPConstant.STAT_ESME_RINVBNDSTS,
            0x64 /* ESME_RX_T_APPN, temporary application error */);

    private final SmppSettings settings;
    private final Consumer<Receipt> receipts;
    private final Throttle throttle;
    private final AtomicInteger reference = new AtomicInteger(ThreadLocalRandom.current().nextInt(256));
    /** Long messages whose later segments failed after earlier ones were accepted, by outbox message id. */
    private final Map<String, Partial> partials = new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_PARTIALS = 10_000;

    /**
     * How far a long message got: a retry of the same outbox message sends only the segments from {@code accepted}
     * on, with the same concatenation reference, so the handset joins them with the parts it already has.
     */
    record Partial(int reference, int accepted, String firstId, int total, int textHash) {
    }
    private final Object sessionLock = new Object();
    private SMPPSession session; // guarded by sessionLock
    private boolean closed; // guarded by sessionLock

    SmppChannel(SmppSettings settings, Consumer<Receipt> receipts) {
        super(settings.registeredDelivery() ? EnumSet.of(Capability.TEXT, Capability.RECEIPT)
                : EnumSet.of(Capability.TEXT));
        this.settings = settings;
        this.receipts = receipts;
        this.throttle = new Throttle(settings.maxPerSecond());
    }

    @Override
    public DeliveryReceipt send(Notification n) throws DeliveryException {
        String recipient = phoneNumber(n.recipient());
        String text = text(n);
        if (text.isBlank()) {
            throw fail("notification " + n.id() + " has neither text nor subject", false, null);
        }
        Partial partial = n.id() == null ? null : partials.remove(n.id());
        if (partial != null && partial.textHash() != text.hashCode()) {
            partial = null; // the text changed: send it whole
        }
        int ref = partial != null ? partial.reference() : reference.getAndIncrement();
        SmsEncoder.Encoded encoded;
        try {
            encoded = SmsEncoder.encode(text, ref);
        } catch (IllegalArgumentException e) {
            throw fail("notification " + n.id() + ": " + e.getMessage(), false, null);
        }
        if (partial != null && partial.total() != encoded.segments().size()) {
            partial = null;
        }
        String dest = recipient.startsWith("+") ? recipient.substring(1) : recipient;
        SMPPSession s = session();
        ESMClass esm = encoded.concatenated()
                ? new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI)
                : new ESMClass();
        RegisteredDelivery registered = new RegisteredDelivery(settings.registeredDelivery()
                ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT);
        String firstId = partial == null ? null : partial.firstId();
        int count = encoded.segments().size();
        int start = partial == null ? 0 : partial.accepted();
        int i = start;
        try {
        for (; i < count; i++) {
            String where = count > 1 ? " (segment " + (i + 1) + " of " + count + ")" : "";
            try {
                throttle.acquire(settings.submitTimeout().toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail("interrupted waiting for a send slot" + where, true, e);
            } catch (Throttle.Busy e) {
                throw fail("no send slot within submit.timeout.ms at max.per.second=" + settings.maxPerSecond()
                        + where, true, null);
            }
            try {
                SubmitSmResult result = s.submitShortMessage("",
                        TypeOfNumber.valueOf((byte) settings.sourceTon()),
                        NumberingPlanIndicator.valueOf((byte) settings.sourceNpi()), settings.sourceAddress(),
                        TypeOfNumber.valueOf((byte) settings.destTon()),
                        NumberingPlanIndicator.valueOf((byte) settings.destNpi()), dest, esm, (byte) 0, (byte) 1,
                        null, null, registered, (byte) 0, DataCodings.newInstance(encoded.dataCoding()), (byte) 0,
                        encoded.segments().get(i));
                if (firstId == null) {
                    firstId = result.getMessageId();
                }
            } catch (NegativeResponseException e) {
                int status = e.getCommandStatus();
                boolean retryable = RETRYABLE_SUBMIT.contains(status);
                throw fail("submit_sm to " + dest + " refused by " + endpoint() + " with command status "
                        + hex(status) + statusName(status) + where, retryable, null);
            } catch (ResponseTimeoutException e) {
                throw fail("no submit_sm_resp from " + endpoint() + " within " + settings.submitTimeout().toMillis()
                        + " ms" + where, true, e);
            } catch (InvalidResponseException e) {
                dropSession(s);
                throw fail("invalid response to submit_sm from " + endpoint() + ": " + e.getMessage() + where, true,
                        e);
            } catch (PDUException e) {
                throw fail("cannot build submit_sm: " + e.getMessage() + where, false, e);
            } catch (IOException e) {
                dropSession(s);
                throw fail("session to " + endpoint() + " lost while submitting: " + e.getMessage() + where, true, e);
            }
        }
        } catch (DeliveryException e) {
            if (e.retryable() && i > 0 && n.id() != null) {
                if (partials.size() >= MAX_PARTIALS) {
                    partials.clear(); // bounded: the worst case is a whole resend, as without this memory
                }
                partials.put(n.id(), new Partial(ref, i, firstId, count, text.hashCode()));
            }
            throw e;
        }
        if (start > 0) {
            LOG.info("Notification {}: resent segments {}..{} of {} only", n.id(), start + 1, count, count);
        }
        up();
        return new DeliveryReceipt(firstId, false, "submit_sm_resp OK, " + count + " segment(s)");
    }

    /** @return subject, line break and text; or whichever of them is present */
    static String text(Notification n) {
        String subject = n.subject() == null ? "" : n.subject().strip();
        String text = n.text() == null ? "" : n.text();
        if (subject.isEmpty()) {
            return text;
        }
        return text.isBlank() ? subject : subject + "\n" + text;
    }

    /** @return a bound session, binding a new one if there is none or the last one was lost */
    private SMPPSession session() throws DeliveryException {
        synchronized (sessionLock) {
            if (closed) {
                throw fail("channel is closed", true, null);
            }
            if (session != null && session.getSessionState().isBound()) {
                return session;
            }
            if (session != null) {
                LOG.info("SMPP session {} to {} was lost; binding again", session.getSessionId(), endpoint());
                session.close();
                session = null;
            }
            int connectTimeout = (int) Math.min(Integer.MAX_VALUE, settings.bindTimeout().toMillis());
            SMPPSession s = new SMPPSession((host, port) -> {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress(host, port), connectTimeout);
                    return new SocketConnection(socket);
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
            });
            s.setEnquireLinkTimer((int) Math.min(Integer.MAX_VALUE, settings.enquireLinkSeconds() * 1000L));
            s.setTransactionTimer(settings.submitTimeout().toMillis());
            s.setMessageReceiverListener(new Receiver());
            try {
                s.connectAndBind(settings.host(), settings.port(), new BindParameter(BindType.BIND_TRX,
                        settings.systemId(), settings.password(), settings.systemType(), TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN, null), settings.bindTimeout().toMillis());
            } catch (IOException e) {
                s.close();
                Throwable cause = e.getCause();
                if (cause instanceof NegativeResponseException nre) {
                    int status = nre.getCommandStatus();
                    if (status == SMPPConstant.STAT_ESME_RINVPASWD || status == SMPPConstant.STAT_ESME_RINVSYSID) {
                        throw fail("authentication refused by " + endpoint() + " for system.id '"
                                + settings.systemId() + "': bind_transceiver_resp " + hex(status)
                                + statusName(status), false, null);
                    }
                    throw fail("bind refused by " + endpoint() + " with command status " + hex(status)
                            + statusName(status), true, null);
                }
                throw fail("cannot bind to " + endpoint() + ": " + e.getMessage(), true, e);
            }
            LOG.info("SMPP session {} bound to {} as {}", s.getSessionId(), endpoint(), settings.systemId());
            session = s;
            return s;
        }
    }

    private void dropSession(SMPPSession s) {
        synchronized (sessionLock) {
            if (session == s) {
                session = null;
            }
        }
        s.close();
    }

    /** Unbinds and closes the session; later sends fail as retryable. */
    @Override
    public void close() {
        SMPPSession s;
        synchronized (sessionLock) {
            closed = true;
            s = session;
            session = null;
        }
        if (s != null) {
            s.unbindAndClose();
        }
    }

    private String endpoint() {
        return settings.host() + ":" + settings.port();
    }

    static String hex(int status) {
        return String.format("0x%08x", status);
    }

    static String statusName(int status) {
        String name = switch (status) {
            case SMPPConstant.STAT_ESME_RINVMSGLEN -> "ESME_RINVMSGLEN";
            case SMPPConstant.STAT_ESME_RINVBNDSTS -> "ESME_RINVBNDSTS";
            case SMPPConstant.STAT_ESME_RSYSERR -> "ESME_RSYSERR";
            case SMPPConstant.STAT_ESME_RINVSRCADR -> "ESME_RINVSRCADR";
            case SMPPConstant.STAT_ESME_RINVDSTADR -> "ESME_RINVDSTADR";
            case SMPPConstant.STAT_ESME_RBINDFAIL -> "ESME_RBINDFAIL";
            case SMPPConstant.STAT_ESME_RINVPASWD -> "ESME_RINVPASWD";
            case SMPPConstant.STAT_ESME_RINVSYSID -> "ESME_RINVSYSID";
            case SMPPConstant.STAT_ESME_RMSGQFUL -> "ESME_RMSGQFUL";
            case SMPPConstant.STAT_ESME_RSUBMITFAIL -> "ESME_RSUBMITFAIL";
            case SMPPConstant.STAT_ESME_RTHROTTLED -> "ESME_RTHROTTLED";
            default -> null;
        };
        return name == null ? "" : " (" + name + ")";
    }

    /** Maps a receipt state to delivered (true), failed (false) or not final (null). */
    static Boolean outcome(DeliveryReceiptState state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case DELIVRD -> Boolean.TRUE;
            case UNDELIV, REJECTD, EXPIRED, DELETED -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Answers every PDU the SMSC sends with OK, so that it is not delivered again. */
    private final class Receiver implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (!deliverSm.isSmscDeliveryReceipt()) {
                LOG.info("Ignoring a mobile-originated deliver_sm from {} on {}", deliverSm.getSourceAddr(),
                        settings.provider());
                return;
            }
            org.jsmpp.bean.DeliveryReceipt dr;
            try {
                dr = deliverSm.getShortMessageAsDeliveryReceipt();
            } catch (InvalidDeliveryReceiptException e) {
                LOG.warn("Ignoring an unreadable delivery receipt on {}: {}", settings.provider(), e.getMessage());
                return;
            }
            String id = dr.getId();
            OptionalParameter tlv = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
            if (tlv instanceof OptionalParameter.Receipted_message_id r && r.getValueAsString() != null
                    && !r.getValueAsString().isEmpty()) {
                id = r.getValueAsString();
            }
            Boolean delivered = outcome(dr.getFinalStatus());
            if (delivered == null || id == null) {
                LOG.debug("Delivery receipt {} {} on {} is not final", id, dr.getFinalStatus(), settings.provider());
                return;
            }
            Receipt receipt = new Receipt(settings.provider(), id, delivered,
                    "stat:" + dr.getFinalStatus() + " err:" + dr.getError());
            try {
                receipts.accept(receipt);
            } catch (RuntimeException e) {
                LOG.warn("Delivery receipt {} on {} was not recorded: {}", id, settings.provider(), e.toString());
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            LOG.debug("alert_notification on {}", settings.provider());
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            LOG.info("Ignoring a data_sm on {}", settings.provider());
            throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    /** Spaces submits evenly at most {@code perSecond} per second; a caller waits for its slot. */
    static final class Throttle {

        static final class Busy extends Exception {
            private static final long serialVersionUID = 1L;
        }

        private final long intervalNanos;
        private long next = System.nanoTime(); // guarded by this

        Throttle(int perSecond) {
            this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        }

        void acquire(long maxWaitNanos) throws InterruptedException, Busy {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                long slot = Math.max(now, next);
                wait = slot - now;
                if (wait > maxWaitNanos) {
                    throw new Busy();
                }
                next = slot + intervalNanos;
            }
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }
}
