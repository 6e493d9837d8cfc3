package org.gatehouse.notify.sms.smpp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * An SMSC for tests: jsmpp's server side on loopback. It accepts binds with one system id and password, records
 * every submit_sm, decodes and reassembles messages independently of the channel, and can send delivery receipts.
 */
final class Smsc implements ServerMessageReceiverListener, AutoCloseable {

    /** A reassembled message. */
    record Message(String messageId, String dest, int dataCoding, int segments, String text) {
    }

    final String systemId;
    final String password;
    final int port;
    final Set<String> rejectedDestinations = ConcurrentHashMap.newKeySet();
    final List<SubmitSm> submits = new CopyOnWriteArrayList<>();
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final AtomicInteger binds = new AtomicInteger();
    /** When above 0: the next segment with this sequence number is refused once with ESME_RTHROTTLED. */
    final AtomicInteger throttleSegmentOnce = new AtomicInteger();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, List<byte[]>> pending = new ConcurrentHashMap<>();
    private final Map<String, String> firstIds = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private SMPPServerSessionListener listener;
    private Thread acceptor;

    Smsc(String systemId, String password, int port) {
        this.systemId = systemId;
        this.password = password;
        this.port = port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    Smsc start() throws IOException {
        listener = new SMPPServerSessionListener(port, new LoopbackFactory());
        listener.setMessageReceiverListener(this);
        SMPPServerSessionListener l = listener;
        acceptor = new Thread(() -> {
            while (true) {
                SMPPServerSession session;
                try {
                    session = l.accept();
                } catch (IOException e) {
                    return; // closed
                }
                sessions.add(session);
                new Thread(() -> bind(session), "smsc-bind").start();
            }
        }, "smsc-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5000);
            if (!systemId.equals(request.getSystemId())) {
                request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
            } else if (!password.equals(request.getPassword())) {
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
            } else {
                request.accept("test-smsc");
                binds.incrementAndGet();
            }
        } catch (Exception e) {
            session.close();
        }
    }

    @Override
    public void close() throws IOException {
        for (SMPPServerSession s : sessions) {
            s.close();
        }
        sessions.clear();
        if (listener != null) {
            listener.close();
        }
        for (ServerSocket ss : serverSockets) {
            ss.close();
        }
        serverSockets.clear();
        for (org.jsmpp.session.connection.Connection c : connections) {
            try {
                c.close();
            } catch (IOException e) {
                // already closed
            }
        }
        connections.clear();
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
            throws ProcessRequestException {
        submits.add(submitSm);
        if (rejectedDestinations.contains(submitSm.getDestAddress())) {
            throw new ProcessRequestException("bad destination", SMPPConstant.STAT_ESME_RINVDSTADR);
        }
        String id = Integer.toString(ids.incrementAndGet());
        byte[] sm = submitSm.getShortMessage();
        boolean udhi = (submitSm.getEsmClass() & 0x40) != 0;
        int dc = submitSm.getDataCoding() & 0xff;
        if (!udhi) {
            messages.add(new Message(id, submitSm.getDestAddress(), dc, 1, decode(sm, dc)));
        } else {
            int udhl = sm[0] & 0xff;
            if (udhl != 5 || sm[1] != 0 || sm[2] != 3) {
                throw new ProcessRequestException("unexpected UDH", SMPPConstant.STAT_ESME_RINVESMCLASS);
            }
            int total = sm[4] & 0xff;
            int seq = sm[5] & 0xff;
            if (seq == throttleSegmentOnce.get() && throttleSegmentOnce.compareAndSet(seq, 0)) {
                throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
            }
            String key = submitSm.getDestAddress() + "/" + (sm[3] & 0xff);
            List<byte[]> parts = pending.computeIfAbsent(key, k -> new ArrayList<>());
            synchronized (parts) {
                if (seq == 1) {
                    firstIds.put(key, id);
                }
                while (parts.size() < total) {
                    parts.add(null);
                }
                parts.set(seq - 1, java.util.Arrays.copyOfRange(sm, 6, sm.length));
                if (parts.stream().allMatch(p -> p != null)) {
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    parts.forEach(all::writeBytes);
                    pending.remove(key);
                    messages.add(new Message(firstIds.remove(key), submitSm.getDestAddress(), dc, total,
                            decode(all.toByteArray(), dc)));
                }
            }
        }
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (Exception e) {
            throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    /** Decodes UCS-2 or unpacked GSM 03.38 (the ASCII subset and its escapes). */
    static String decode(byte[] bytes, int dataCoding) {
        if (dataCoding == 0x08) {
            return new String(bytes, StandardCharsets.UTF_16BE);
        }
        if (dataCoding != 0x00) {
            throw new IllegalArgumentException("unexpected data coding " + dataCoding);
        }
        String basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0x7f;
            if (b == 0x1b) {
                int e = bytes[++i] & 0x7f;
                out.append(switch (e) {
                    case 0x14 -> '^';
                    case 0x28 -> '{';
                    case 0x29 -> '}';
                    case 0x2f -> '\\';
                    case 0x3c -> '[';
                    case 0x3d -> '~';
                    case 0x3e -> ']';
                    case 0x40 -> '|';
                    case 0x65 -> '€';
                    default -> throw new IllegalArgumentException("unknown escape " + e);
                });
            } else {
                out.append(basic.charAt(b));
            }
        }
        return out.toString();
    }

    /** Sends a delivery receipt for a message id through every bound session. */
    void sendReceipt(String messageId, DeliveryReceiptState state) throws Exception {
        Date now = new Date();
        String receipt = new DeliveryReceipt(messageId, 1, state == DeliveryReceiptState.DELIVRD ? 1 : 0, now, now,
                state, "000", "receipt").toString();
        for (SMPPServerSession s : sessions) {
            if (s.getSessionState().isBound()) {
                s.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "8613800138000",
                        TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "GATEHOUSE",
                        new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                        (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                        receipt.getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
            SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    /** Listens on loopback only. */
    /** Every accepted TCP connection, so that close() really drops the line like a server going down. */
    private final List<org.jsmpp.session.connection.Connection> connections = new CopyOnWriteArrayList<>();
    /** The listening sockets: jsmpp's listener close() does not reliably stop accepting. */
    private final List<ServerSocket> serverSockets = new CopyOnWriteArrayList<>();

    private final class LoopbackFactory implements ServerConnectionFactory {
        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
            socket.setSoTimeout(timeout);
            serverSockets.add(socket);
            return new ServerSocketConnection(socket) {
                @Override
                public org.jsmpp.session.connection.Connection accept() throws IOException {
                    org.jsmpp.session.connection.Connection c = super.accept();
                    connections.add(c);
                    return c;
                }
            };
        }
    }
}
