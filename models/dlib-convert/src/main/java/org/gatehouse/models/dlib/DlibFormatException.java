package org.gatehouse.models.dlib;

import java.io.IOException;

/** The input is not the dlib file this converter knows: says what was expected, what was found and at which byte. */
public class DlibFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public DlibFormatException(long offset, String message) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    /** @return the byte offset in the file where the problem was found */
    public long offset() {
        return offset;
    }
}
