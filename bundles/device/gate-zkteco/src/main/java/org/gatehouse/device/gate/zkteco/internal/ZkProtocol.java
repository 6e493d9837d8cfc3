package org.gatehouse.device.gate.zkteco.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.gatehouse.api.access.RosterEntry;

/**
 * The text shapes of the ZKTeco PUSH ("iclock", ADMS) protocol this driver speaks: the options block of the
 * handshake, {@code ATTLOG} punch lines, {@code ATTPHOTO} uploads, the commands handed out at {@code getrequest} and
 * the results posted to {@code devicecmd}. Pure functions; sources in the README.
 */
final class ZkProtocol {
    /** Time of an ATTLOG line. */
    static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    /** Time in the file name of an ATTPHOTO upload. */
    static final DateTimeFormatter PHOTO_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    /** The byte that ends the header of an ATTPHOTO upload. */
    static final byte NUL = 0;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** A PIN: what the terminal stores as the user's number; no separators of the protocol in it. */
    private static final Pattern PIN = Pattern.compile("[^\\s=&\\t]{1,64}");

    private ZkProtocol() {
    }

    /** @return whether the text is a serial number as terminals send it */
    static boolean isToken(String text) {
        return text != null && TOKEN.matcher(text).matches();
    }

    /** @return whether the person id can be a PIN on the terminal */
    static boolean isPin(String text) {
        return text != null && PIN.matcher(text).matches();
    }

    /**
     * The answer to the handshake {@code GET /iclock/cdata?SN=..&options=all}.
     *
     * @param stamp      the stamp of the last ATTLOG upload acknowledged, {@code None} for none
     * @param photoStamp the stamp of the last ATTPHOTO upload acknowledged
     * @param operStamp  the stamp of the last OPERLOG upload acknowledged
     * @param zoneHours  the terminal's offset from UTC in whole hours
     * @param delay      seconds between two polls of {@code getrequest}
     */
    static String options(String serial, String stamp, String operStamp, String photoStamp, int zoneHours,
                          int delay) {
        return "GET OPTION FROM: " + serial + "\n"
                + "ATTLOGStamp=" + stamp + "\n"
                + "OPERLOGStamp=" + operStamp + "\n"
                + "ATTPHOTOStamp=" + photoStamp + "\n"
                + "ErrorDelay=30\n"
                + "Delay=" + delay + "\n"
                + "TransTimes=00:00;14:05\n"
                + "TransInterval=1\n"
                + "TransFlag=TransData AttLog OpLog AttPhoto EnrollUser ChgUser EnrollFP ChgFP UserPic FACE\n"
                + "TimeZone=" + zoneHours + "\n"
                + "Realtime=1\n"
                + "Encrypt=None\n";
    }

    /**
     * One punch: {@code PIN\tYYYY-MM-DD HH:MM:SS\tstatus\tverify[\t...]}.
     *
     * @param status the terminal's punch state (0 check-in, 1 check-out, ...), -1 when absent
     * @param verify how the terminal verified (1 fingerprint, 15 face, ...), -1 when absent
     */
    record Punch(String pin, LocalDateTime time, int status, int verify) {
    }

    /**
     * The lines of an ATTLOG upload.
     *
     * @param punches   the well-formed lines, in order
     * @param malformed how many non-empty lines were not punches
     * @param example   the first malformed line (cut to 80 characters), null if none
     */
    record Punches(List<Punch> punches, int malformed, String example) {
    }

    /** Parses an ATTLOG body; empty lines are ignored, malformed ones counted. */
    static Punches punches(String body) {
        List<Punch> punches = new ArrayList<>();
        int malformed = 0;
        String example = null;
        for (String line : body.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            Punch punch = punch(line);
            if (punch == null) {
                malformed++;
                if (example == null) {
                    example = shown(line);
                }
            } else {
                punches.add(punch);
            }
        }
        return new Punches(punches, malformed, example);
    }

    /** @return a text the terminal sent, fit for a log line: at most 80 characters, tabs as \t, no controls */
    static String shown(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replace("\t", "\\t").replaceAll("\\p{Cntrl}", "?");
    }

    /** @return the punch of one ATTLOG line, null when the line is not one */
    static Punch punch(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length < 2 || !isPin(fields[0].trim())) {
            return null;
        }
        LocalDateTime time;
        try {
            time = LocalDateTime.parse(fields[1].trim(), LOG_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
        return new Punch(fields[0].trim(), time, number(fields, 2), number(fields, 3));
    }

    private static int number(String[] fields, int index) {
        if (fields.length <= index) {
            return -1;
        }
        try {
            return Integer.parseInt(fields[index].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A picture of a punch: the PIN and time named in the upload's file name, and the image. */
    record Photo(String pin, LocalDateTime time, byte[] image) {
    }

    /**
     * Parses an ATTPHOTO upload: header lines {@code PIN=<yyyyMMddHHmmss>-<pin>.jpg}, {@code SN=..}, {@code size=..},
     * {@code CMD=uploadphoto}, a NUL byte, then the JPEG bytes ({@code size} of them when given).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Photo photo(byte[] body) {
        int nul = -1;
        for (int i = 0; i < body.length && i < 4096; i++) {
            if (body[i] == NUL) {
                nul = i;
                break;
            }
        }
        if (nul < 0) {
            throw new IllegalArgumentException("no NUL byte after the header in the first 4096 bytes");
        }
        String name = null;
        int size = -1;
        for (String line : new String(body, 0, nul, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            if (key.equals("PIN")) {
                name = value;
            } else if (key.equalsIgnoreCase("size")) {
                try {
                    size = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("size '" + shown(value) + "' is not a number");
                }
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("no PIN=<time>-<pin>.jpg line in the header");
        }
        int dash = name.indexOf('-');
        int dot = name.lastIndexOf('.');
        if (dash < 0 || dot < dash) {
            throw new IllegalArgumentException("PIN '" + shown(name) + "' is not <yyyyMMddHHmmss>-<pin>.jpg");
        }
        LocalDateTime time;
        try {
            time = LocalDateTime.parse(name.substring(0, dash), PHOTO_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("PIN '" + shown(name) + "' does not start with a time yyyyMMddHHmmss");
        }
        String pin = name.substring(dash + 1, dot);
        if (!isPin(pin)) {
            throw new IllegalArgumentException("PIN '" + shown(name) + "' names no user");
        }
        int length = body.length - nul - 1;
        if (size >= 0 && size < length) {
            length = size;
        }
        if (length <= 0) {
            throw new IllegalArgumentException("no picture after the header");
        }
        byte[] image = new byte[length];
        System.arraycopy(body, nul + 1, image, 0, length);
        return new Photo(pin, time, image);
    }

    /** A result posted to devicecmd: {@code ID=<id>&Return=<code>&CMD=<cmd>}. */
    record Result(long id, int code, String cmd) {
    }

    /**
     * Parses a devicecmd body: one result per line.
     *
     * @return the well-formed results; lines without an ID and a Return are left out
     */
    static List<Result> results(String body) {
        List<Result> results = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            Long id = null;
            Integer code = null;
            String cmd = null;
            for (String pair : line.trim().split("&")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                try {
                    if (key.equalsIgnoreCase("ID")) {
                        id = Long.parseLong(value);
                    } else if (key.equalsIgnoreCase("Return")) {
                        code = Integer.parseInt(value);
                    } else if (key.equalsIgnoreCase("CMD")) {
                        cmd = value;
                    }
                } catch (NumberFormatException e) {
                    // not a result line
                }
            }
            if (id != null && code != null) {
                results.add(new Result(id, code, cmd));
            }
        }
        return results;
    }

    /** @return one command as handed out at getrequest */
    static String command(long id, String text) {
        return "C:" + id + ":" + text;
    }

    /** @return the command that adds or replaces a user (an ordinary user, privilege 0, no password or card) */
    static String userInfo(RosterEntry entry) {
        return "DATA UPDATE USERINFO PIN=" + entry.personId() + "\tName=" + clean(entry.name())
                + "\tPri=0\tPasswd=\tCard=\tGrp=1\tTZ=0000000100000000\tVerify=0";
    }

    /** @return the command that stores a user's face picture, BIOPHOTO (Type=9: visible-light face) or USERPIC */
    static String facePhoto(String pin, byte[] jpeg, boolean userPic) {
        String content = Base64.getEncoder().encodeToString(jpeg);
        return userPic
                ? "DATA UPDATE USERPIC PIN=" + pin + "\tSize=" + content.length() + "\tContent=" + content
                : "DATA UPDATE BIOPHOTO PIN=" + pin + "\tType=9\tSize=" + content.length() + "\tContent=" + content;
    }

    /** @return the command that removes a user with their biometric data */
    static String deleteUser(String pin) {
        return "DATA DELETE USERINFO PIN=" + pin;
    }

    /** A name as a field value: no tabs or line breaks, at most 24 characters. */
    static String clean(String name) {
        String text = name == null ? "" : name.replaceAll("[\\t\\r\\n]", " ").trim();
        return text.length() > 24 ? text.substring(0, 24) : text;
    }
}
