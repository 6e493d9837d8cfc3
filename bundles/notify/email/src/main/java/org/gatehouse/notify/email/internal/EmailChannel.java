package org.gatehouse.notify.email.internal;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.Address;
import javax.mail.AuthenticationFailedException;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.NoSuchProviderException;
import javax.mail.SendFailedException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimeUtility;

import com.sun.mail.smtp.SMTPAddressFailedException;
import com.sun.mail.smtp.SMTPSendFailedException;
import com.sun.mail.smtp.SMTPSenderFailedException;
import com.sun.mail.smtp.SMTPTransport;

import org.gatehouse.api.notify.DeliveryException;
import org.gatehouse.api.notify.DeliveryReceipt;
import org.gatehouse.api.notify.Notification;
import org.gatehouse.support.notify.AbstractChannel;

/**
 * Sends each notification once as one e-mail (multipart/alternative, text and HTML) through the configured SMTP
 * server. Retries and backoff belong to the core outbox, which acts on {@link DeliveryException#retryable()}.
 */
final class EmailChannel extends AbstractChannel {

    static final String CHANNEL_KIND = "email";
    static final String HEADER_MESSAGE_ID = "X-Gatehouse-Message-Id";
    static final String MESSAGE_ID_DOMAIN = "gatehouse";
    static final String SNAPSHOT_URL = "snapshotUrl";

    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5])\\d\\d[\\s-]");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");

    private final EmailSettings settings;
    private final Session session;
    private final Clock clock;

    EmailChannel(EmailSettings settings, Clock clock) {
        super(EnumSet.of(Capability.TEXT, Capability.RICH));
        this.settings = settings;
        this.clock = clock;
        this.session = withMailClassLoader(() -> Session.getInstance(sessionProperties(settings)));
    }

    /** @return the javax.mail properties of one channel: protocol, server, TLS and timeouts */
    static Properties sessionProperties(EmailSettings s) {
        String p = "mail." + s.protocol() + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", s.protocol());
        props.setProperty(p + "host", s.host());
        props.setProperty(p + "port", Integer.toString(s.port()));
        props.setProperty(p + "connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        props.setProperty(p + "timeout", Long.toString(s.timeout().toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(s.timeout().toMillis()));
        props.setProperty(p + "auth", Boolean.toString(s.authenticated()));
        props.setProperty(p + "from", s.from().getAddress());
        if (s.ssl()) {
            props.setProperty(p + "ssl.enable", "true");
            props.setProperty(p + "ssl.checkserveridentity", "true");
        } else {
            props.setProperty(p + "starttls.enable", Boolean.toString(s.starttls() || s.starttlsRequired()));
            props.setProperty(p + "starttls.required", Boolean.toString(s.starttlsRequired()));
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    @Override
    public DeliveryReceipt send(Notification n) throws DeliveryException {
        InternetAddress to = recipient(n.recipient()); // before any connection
        // javax.mail finds its SMTP provider and MIME handlers through the context class loader.
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Session.class.getClassLoader());
        Transport transport = null;
        try {
            MimeMessage message;
            try {
                message = message(n, to);
            } catch (MessagingException e) {
                throw fail("cannot build the e-mail for " + n.id() + ": " + e.getMessage(), false, e);
            }
            transport = session.getTransport();
            transport.connect(settings.host(), settings.port(),
                    settings.authenticated() ? settings.username() : null,
                    settings.authenticated() ? settings.password() : null);
            transport.sendMessage(message, message.getAllRecipients());
            String answer = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : null;
            up();
            return new DeliveryReceipt(message.getMessageID(), false,
                    answer == null || answer.isBlank() ? "SMTP accepted" : "SMTP " + answer.strip());
        } catch (MessagingException e) {
            throw classify(e);
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the message is sent or the failure is reported already
                }
            }
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** @throws DeliveryException (not retryable) unless the recipient is one strict e-mail address */
    static InternetAddress recipient(String value) throws DeliveryException {
        if (value == null || value.isBlank()) {
            throw new DeliveryException("no recipient e-mail address", false);
        }
        try {
            InternetAddress address = new InternetAddress(value.trim(), true);
            if (address.isGroup()) {
                throw new DeliveryException("recipient '" + value + "' is a group, not one address", false);
            }
            if (address.getPersonal() != null) {
                address = new InternetAddress(address.getAddress(), address.getPersonal(), UTF_8);
            }
            return address;
        } catch (AddressException e) {
            throw new DeliveryException("invalid recipient e-mail address '" + value + "': " + e.getMessage(), false);
        } catch (UnsupportedEncodingException e) {
            throw new DeliveryException("cannot encode recipient '" + value + "': " + e.getMessage(), false);
        }
    }

    MimeMessage message(Notification n, InternetAddress to) throws MessagingException {
        String messageId = n.id() == null ? null : messageId(n.id());
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (messageId == null) {
                    super.updateMessageID();
                } else {
                    setHeader("Message-ID", messageId);
                }
            }
        };
        message.setFrom(settings.from());
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(oneLine(subject(n)), UTF_8);
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-generated");
        if (n.id() != null) {
            // RFC 2047-encoded only if the id is not ASCII, so the header stays 7-bit.
            message.setHeader(HEADER_MESSAGE_ID, MimeUtility.fold(HEADER_MESSAGE_ID.length() + 2,
                    encode(oneLine(n.id()))));
        }
        if (n.language() != null && LANGUAGE.matcher(n.language()).matches()) {
            message.setHeader("Content-Language", n.language());
        }
        String snapshot = snapshotUrl(n);
        MimeBodyPart text = new MimeBodyPart();
        text.setText(text(n, snapshot), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(n, snapshot), UTF_8, "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text); // the last part is the preferred one
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    /** @return {@code <id@gatehouse>}, with characters that are not allowed in a dot-atom written as =XX */
    static String messageId(String id) {
        StringBuilder left = new StringBuilder(id.length() + 16).append('<');
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            boolean atext = c < 0x80 && (Character.isLetterOrDigit(c) || "!#$%&'*+-/?^_`{|}~".indexOf(c) >= 0
                    || (c == '.' && left.length() > 1));
            if (atext) {
                left.append(c);
            } else {
                left.append('=').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        if (left.charAt(left.length() - 1) == '.') {
            left.setLength(left.length() - 1);
            left.append("=2E");
        }
        // "..", not allowed in a dot-atom
        String value = left.toString().replace("..", ".=2E");
        return (value.length() == 1 ? "<=" : value) + "@" + MESSAGE_ID_DOMAIN + ">";
    }

    private static String encode(String value) throws MessagingException {
        try {
            return MimeUtility.encodeText(value, UTF_8, null);
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("cannot encode " + value, e);
        }
    }

    private static String subject(Notification n) {
        if (n.subject() != null && !n.subject().isBlank()) {
            return n.subject();
        }
        return n.kind() != null && !n.kind().isBlank() ? "Gatehouse: " + n.kind() : "Gatehouse";
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /** @return the snapshot URL of the notification if it is an absolute http(s) URL, else null */
    static String snapshotUrl(Notification n) {
        String value = n.data().get(SNAPSHOT_URL);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static String text(Notification n, String snapshot) {
        String body = n.text() == null ? "" : n.text();
        return snapshot == null ? body : body + "\n\nSnapshot: " + snapshot + "\n";
    }

    static String html(Notification n, String snapshot) {
        StringBuilder out = new StringBuilder(256);
        String lang = n.language() != null && LANGUAGE.matcher(n.language()).matches() ? n.language() : null;
        out.append("<!DOCTYPE html>\n<html").append(lang == null ? "" : " lang=\"" + lang + "\"")
                .append("><head><meta charset=\"utf-8\"><title>").append(escape(oneLine(subject(n))))
                .append("</title></head>\n<body>\n<p>");
        String body = n.text() == null ? "" : n.text();
        out.append(escape(body).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>\n"));
        out.append("</p>\n");
        if (snapshot != null) {
            out.append("<p><a href=\"").append(escape(snapshot)).append("\">Snapshot</a></p>\n");
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Maps a javax.mail failure to a retryable or permanent {@link DeliveryException} and updates the health. */
    DeliveryException classify(MessagingException e) {
        String where = " (" + settings.host() + ":" + settings.port() + ")";
        if (e instanceof AuthenticationFailedException) {
            int code = replyCode(e);
            boolean temporary = code == 4;
            return fail((temporary ? "temporary SMTP authentication failure: " : "SMTP authentication failed "
                    + "(permanent: check username and password): ") + detail(e) + where, temporary, e);
        }
        if (e instanceof SendFailedException sfe && !(e instanceof SMTPSendFailedException)) {
            Address[] invalid = sfe.getInvalidAddresses();
            if (invalid != null && invalid.length > 0) {
                return fail("recipient rejected: " + rejections(sfe) + where, false, e);
            }
            Address[] unsent = sfe.getValidUnsentAddresses();
            if (unsent != null && unsent.length > 0) {
                return fail("recipient temporarily refused: " + rejections(sfe) + where, true, e);
            }
        }
        int code = replyCode(e);
        if (code == 5) {
            return fail("SMTP server refused the message: " + detail(e) + where, false, e);
        }
        if (code == 4) {
            return fail("SMTP server deferred the message: " + detail(e) + where, true, e);
        }
        if (e instanceof NoSuchProviderException) {
            return fail("no javax.mail provider for " + settings.protocol() + ": " + e.getMessage(), false, e);
        }
        Throwable io = ioCause(e);
        if (io instanceof SocketTimeoutException) {
            return fail("timeout talking to the SMTP server" + where + ": " + io.getMessage(), true, e);
        }
        if (io instanceof ConnectException) {
            return fail("cannot connect to the SMTP server" + where + ": " + io.getMessage(), true, e);
        }
        if (io instanceof UnknownHostException) {
            return fail("unknown SMTP host" + where + ": " + io.getMessage(), true, e);
        }
        if (io != null) {
            return fail("I/O error talking to the SMTP server" + where + ": " + io, true, e);
        }
        if (e.getMessage() != null && e.getMessage().contains("STARTTLS is required")) {
            // javax.mail refuses clear text; the server will not change by itself: a configuration problem.
            return fail("SMTP server does not offer STARTTLS and starttls.required is true (permanent: fix the "
                    + "server or the configuration)" + where, false, e);
        }
        // No reply code and no I/O cause.
        return fail("SMTP error" + where + ": " + detail(e), true, e);
    }

    /** @return the first digit of the SMTP reply code of the failure (2 to 5), or 0 if it has none */
    static int replyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            int code = -1;
            if (x instanceof SMTPSendFailedException s) {
                code = s.getReturnCode();
            } else if (x instanceof SMTPAddressFailedException s) {
                code = s.getReturnCode();
            } else if (x instanceof SMTPSenderFailedException s) {
                code = s.getReturnCode();
            }
            if (code >= 200 && code < 600) {
                return code / 100;
            }
            if (x.getMessage() != null) {
                Matcher m = REPLY_CODE.matcher(x.getMessage() + " ");
                if (m.find()) {
                    return m.group(1).charAt(0) - '0';
                }
            }
        }
        return 0;
    }

    private static Throwable ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof IOException) {
                return t;
            }
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null && t.getCause() != t) {
            return t.getCause();
        }
        return t instanceof MessagingException m ? m.getNextException() : null;
    }

    private static String rejections(SendFailedException e) {
        StringBuilder out = new StringBuilder();
        for (Exception x = e.getNextException(); x != null;
                x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append(a.getAddress()).append(": ").append(oneLine(a.getMessage()));
            }
        }
        return out.length() > 0 ? out.toString() : detail(e);
    }

    private static String detail(MessagingException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
        Exception next = e.getNextException();
        if (next != null && next.getMessage() != null && !m.contains(oneLine(next.getMessage()))) {
            m = m + ": " + oneLine(next.getMessage());
        }
        return m;
    }

    private static <T> T withMailClassLoader(java.util.function.Supplier<T> action) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Session.class.getClassLoader());
        try {
            return action.get();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
