package dev.hourglass.dataset.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

import dev.hourglass.system.ApiException;

/**
 * Bounds what Commons CSV holds in memory, checked on the characters before its lexer sees them (it has no cap of
 * its own): at most {@link Limits#maxFieldChars()} characters in a cell, at most {@link Limits#maxColumns()} + 1 cells
 * in a record (the features and a label column), and every line break outside quotes, blank lines too, counts toward
 * {@link Limits#maxRows()} (the first line is the header). It follows RFC 4180 as {@link CsvDatasetParser} reads it: a
 * cell that starts with {@code "} is quoted until a {@code "} not doubled; a {@code "} elsewhere is text.
 */
final class CsvBounds extends FilterReader {

    private enum State { UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Limits limits;
    private State state = State.UNQUOTED;
    private long cellChars;
    private long cells = 1;
    private long lines;
    private boolean afterCarriageReturn;

    CsvBounds(Reader in, Limits limits) {
        super(in);
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            accept((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        for (int i = 0; i < n; i++) {
            accept(buffer[off + i]);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("every character is counted");
    }

    private void accept(char c) {
        switch (state) {
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                } else {
                    text();
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') {   // a doubled quote: one " of the cell's text
                    state = State.QUOTED;
                    text();
                } else {
                    state = State.UNQUOTED;
                    unquoted(c);
                }
            }
            case UNQUOTED -> unquoted(c);
        }
    }

    private void unquoted(char c) {
        boolean carriageReturn = false;
        switch (c) {
            case '"' -> {
                if (cellChars == 0) {
                    state = State.QUOTED;
                } else {
                    text();
                }
            }
            case ',' -> {
                cellChars = 0;
                if (++cells > limits.maxColumns() + 1L) {
                    throw ApiException.tooLarge(Limits.TOO_LARGE, "Line " + (lines + 1) + " has more than "
                            + (limits.maxColumns() + 1L) + " cells; the limit hourglass.limits.max-columns is "
                            + limits.maxColumns() + " (and one label column).");
                }
            }
            case '\r' -> {
                endLine();
                carriageReturn = true;
            }
            case '\n' -> {
                if (!afterCarriageReturn) {
                    endLine();
                }
            }
            default -> text();
        }
        afterCarriageReturn = carriageReturn;
    }

    private void text() {
        afterCarriageReturn = false;
        if (++cellChars > limits.maxFieldChars()) {
            throw ApiException.tooLarge(Limits.TOO_LARGE, "Line " + (lines + 1) + " has a cell of more than "
                    + limits.maxFieldChars() + " characters; the limit hourglass.limits.max-field-chars is "
                    + limits.maxFieldChars() + ".");
        }
    }

    private void endLine() {
        lines++;
        cells = 1;
        cellChars = 0;
        limits.checkRows(lines - 1);
    }
}
