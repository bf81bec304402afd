package io.ferry.archive;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each entry of an archive file starts, found in one pass that reads only entry and block
 * headers, so entries can be opened independently, by several threads at once.
 */
public final class ArchiveIndex {
    private final Path file;
    private final Map<String, Long> offsets;

    private ArchiveIndex(Path file, Map<String, Long> offsets) {
        this.file = file;
        this.offsets = Map.copyOf(offsets);
    }

    public static ArchiveIndex scan(Path file) {
        Map<String, Long> offsets = new LinkedHashMap<>();
        String source = String.valueOf(file.getFileName());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] magic = new byte[ArchiveWriter.MAGIC.length];
            if (raf.read(magic) != magic.length || !Arrays.equals(magic, ArchiveWriter.MAGIC)) {
                throw new FerryException(ErrorCode.INPUT, source + " is not a Ferry dump archive");
            }
            long length = raf.length();
            while (raf.getFilePointer() < length) {
                if (raf.readByte() != 'E') {
                    throw new FerryException(ErrorCode.INPUT, source + " is corrupt at byte " + (raf.getFilePointer() - 1));
                }
                byte[] name = new byte[raf.readUnsignedShort()];
                raf.readFully(name);
                offsets.put(new String(name, StandardCharsets.UTF_8), raf.getFilePointer());
                int block;
                while ((block = raf.readInt()) != 0) {
                    if (block < 0 || raf.getFilePointer() + block > length) {
                        throw ArchiveReader.truncated(source, null);
                    }
                    raf.seek(raf.getFilePointer() + block);
                }
            }
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new FerryException(ErrorCode.INPUT, "archive " + file + " does not exist", e);
        } catch (EOFException e) {
            throw ArchiveReader.truncated(source, e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return new ArchiveIndex(file, offsets);
    }

    /** The archive's file name, as messages show it. */
    public String name() {
        return String.valueOf(file.getFileName());
    }

    public boolean contains(String entry) {
        return offsets.containsKey(entry);
    }

    /** The payload of one entry, read through a channel of its own. Close it when done. */
    public InputStream open(String entry) throws IOException {
        Long offset = offsets.get(entry);
        if (offset == null) {
            throw new FerryException(ErrorCode.INPUT, file.getFileName() + " has no entry " + entry);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        ArchiveReader.BlockInput blocks = new ArchiveReader.BlockInput(in, String.valueOf(file.getFileName()), entry);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return blocks.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return blocks.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
