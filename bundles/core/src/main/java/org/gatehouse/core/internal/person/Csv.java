package org.gatehouse.core.internal.person;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.gatehouse.api.GatehouseException;

/**
 * A small RFC 4180 reader: comma-separated, fields in double quotes may hold commas, quotes ({@code ""}) and line
 * breaks; CRLF or LF line ends; a UTF-8 BOM is skipped. Bytes that are not UTF-8 (a GBK export from Excel) are refused
 * with {@code csv-encoding} instead of being read as mojibake.
 */
public final class Csv {
    /** One record and the line it starts on (1-based, as a spreadsheet numbers rows when no field spans lines). */
    public record Row(int line, List<String> fields) {
    }

    private Csv() {
    }

    /** Decodes strict UTF-8 (BOM skipped). */
    public static String decode(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw GatehouseException.invalid("csv-encoding", "the file is UTF-16 ('Unicode text'); save it as"
                    + " 'CSV UTF-8 (comma delimited)'");
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer out = d.decode(in);
            String s = out.toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (MalformedInputException e) {
            int at = in.position();
            throw GatehouseException.invalid("csv-encoding", "the file is not UTF-8 (invalid bytes on line "
                    + lineAt(bytes, at) + "); it may be GBK from Excel: save it as 'CSV UTF-8 (comma delimited)'");
        } catch (CharacterCodingException e) {
            throw GatehouseException.invalid("csv-encoding", "the file is not UTF-8: " + e.getMessage());
        }
    }

    private static int lineAt(byte[] bytes, int pos) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, bytes.length); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Parses text into records; blank lines are skipped.
     *
     * @throws GatehouseException {@code csv-quote} when a quoted field is not closed
     */
    public static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank() && !wasQuoted) {
                field.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                addRow(rows, start, fields);
                fields = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                line++;
                start = line;
            } else if (!wasQuoted) {
                field.append(ch);
            }
            // characters after a closing quote up to the next comma are dropped (lenient, as spreadsheets are)
        }
        if (quoted) {
            throw GatehouseException.invalid("csv-quote", "row " + start + ": a quoted field is not closed");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(wasQuoted ? field.toString() : field.toString().trim());
            addRow(rows, start, fields);
        }
        return rows;
    }

    private static void addRow(List<Row> rows, int line, List<String> fields) {
        boolean blank = fields.stream().allMatch(String::isEmpty);
        if (!blank) {
            rows.add(new Row(line, List.copyOf(fields)));
        }
    }
}
