package io.ferry.pgdump;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each member of a tar archive starts and how long it is. A tar archive is 512-byte blocks:
 * a header (name at 0, size in octal at 124) followed by the member's data padded to a whole
 * block, up to a block of zeros.
 */
final class TarMembers {
    private record Member(long start, long size) {
    }

    private final Path path;
    private final Map<String, Member> members;

    private TarMembers(Path path, Map<String, Member> members) {
        this.path = path;
        this.members = members;
    }

    static TarMembers of(Path path) throws IOException {
        Map<String, Member> members = new LinkedHashMap<>();
        long fileSize = Files.size(path);
        try (SeekableByteChannel channel = Files.newByteChannel(path)) {
            long at = 0;
            byte[] header = new byte[512];
            while (true) {
                channel.position(at);
                int read = Channels.newInputStream(channel).readNBytes(header, 0, 512);
                if (read < 512) {
                    break; // tolerate a missing end-of-archive block; a truncated member is caught below
                }
                if (header[0] == 0) {
                    break;
                }
                String name = field(header, 0, 100);
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0"
                        : field(header, 124, 12).trim(), 8);
                members.put(name, new Member(at + 512, size));
                at += 512 + (size + 511) / 512 * 512;
            }
        } catch (NumberFormatException e) {
            throw new IOException("a tar header is corrupt (size is not octal)", e);
        }
        for (Map.Entry<String, Member> e : members.entrySet()) {
            if (e.getValue().start() + e.getValue().size() > fileSize) {
                throw new EOFException("tar member " + e.getKey() + " ends past the end of the file");
            }
        }
        return new TarMembers(path, members);
    }

    private static String field(byte[] header, int start, int length) {
        int end = start;
        while (end < start + length && header[end] != 0) {
            end++;
        }
        return new String(header, start, end - start, StandardCharsets.US_ASCII);
    }

    /** The size of a member, 0 when there is none of that name. */
    long size(String name) {
        Member member = members.get(name);
        return member == null ? 0 : member.size();
    }

    InputStream open(String name) throws IOException {
        Member member = members.get(name);
        if (member == null) {
            throw new NoSuchFileException("tar member " + name + " is missing");
        }
        SeekableByteChannel channel = Files.newByteChannel(path);
        channel.position(member.start());
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        return new InputStream() {
            private long left = member.size();

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
