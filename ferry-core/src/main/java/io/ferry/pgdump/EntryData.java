package io.ferry.pgdump;

import io.ferry.transfer.ForeignArchiveLoad;
import java.io.IOException;
import java.io.InputStream;

/**
 * An entry's decompressed data. It counts the rows it passes on (the lines before COPY's
 * {@code \.} end line), so a load can check that every row read from the archive reached the
 * table, and it turns a read error into one line naming the archive and the entry. It ends with
 * the end line: what pg_dump writes after it (blank lines) is no row, and a table loaded in pieces
 * must not send it as one.
 */
public final class EntryData extends ForeignArchiveLoad.RowStream {
    private final PgDumpArchive archive;
    private final TocEntry entry;
    private final InputStream in;
    private long rows;
    private int lineLength;
    private boolean endLine = true;
    private boolean ended;

    EntryData(PgDumpArchive archive, TocEntry entry, InputStream in) {
        this.archive = archive;
        this.entry = entry;
        this.in = in;
    }

    public TocEntry entry() {
        return entry;
    }

    /** The rows passed on so far; all of them once the stream has been read to its end. */
    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (ended) {
            return -1;
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw archive.dataError(entry, e);
        }
        if (n <= 0) {
            return n;
        }
        int end = off + n;
        int i = off;
        while (i < end) {
            // Only a line's first two bytes can make it the end line; the rest is skipped to its end.
            while (lineLength < 2 && i < end && b[i] != '\n') {
                endLine &= lineLength == 0 ? b[i] == '\\' : b[i] == '.';
                lineLength++;
                i++;
            }
            while (i < end && b[i] != '\n') {
                lineLength = 3;
                i++;
            }
            if (i == end) {
                break;
            }
            // b[i] ends a line.
            i++;
            if (endLine && lineLength == 2) {
                ended = true;
                return i - off;
            }
            rows++;
            lineLength = 0;
            endLine = true;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
