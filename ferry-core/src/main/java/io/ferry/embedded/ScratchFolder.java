package io.ferry.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a throwaway server keeps its data: in memory ({@code /dev/shm}) when it has room, else in
 * the temporary folder. Nothing of such a server outlives it, so nothing gains from a disk, and a
 * dump load creates several files per table: on a busy ext4 file system, allocating those inodes
 * cost about 40% of the server's time in Ferry's diff benchmark, which a memory file system does
 * not pay.
 *
 * <p>Each folder is named after the process that made it, so that the folders a killed Ferry left
 * behind (in memory, they would hold RAM until the next reboot) are removed by the next one.
 */
final class ScratchFolder {
    private static final Logger LOG = LoggerFactory.getLogger(ScratchFolder.class);
    private static final Path MEMORY = Path.of("/dev/shm");
    private static final String PREFIX = "ferry-pg-";
    /** Room kept free in memory beyond what the loads are expected to take. */
    private static final long SPARE_BYTES = 1L << 30;

    private ScratchFolder() {
    }

    /**
     * A new, empty data folder for a server expected to hold about {@code expectedBytes} of data
     * files.
     */
    static Path create(long expectedBytes) throws IOException {
        Path parent = memory(expectedBytes).orElse(Path.of(System.getProperty("java.io.tmpdir")));
        removeAbandoned(parent);
        return Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-");
    }

    private static Optional<Path> memory(long expectedBytes) {
        try {
            if (Files.isDirectory(MEMORY) && Files.isWritable(MEMORY)
                    && Files.getFileStore(MEMORY).getUsableSpace() >= SPARE_BYTES + expectedBytes) {
                return Optional.of(MEMORY);
            }
        } catch (IOException | SecurityException e) {
            LOG.debug("not using {}: {}", MEMORY, e.getMessage());
        }
        return Optional.empty();
    }

    /** Removes the folders of Ferry processes that are gone. */
    private static void removeAbandoned(Path parent) {
        try (Stream<Path> entries = Files.list(parent)) {
            entries.filter(ScratchFolder::abandoned).forEach(Folders::delete);
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", parent, e.getMessage());
        }
    }

    private static boolean abandoned(Path folder) {
        String name = folder.getFileName().toString();
        if (!name.startsWith(PREFIX)) {
            return false;
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            // A server that outlived its Ferry (killed) still runs on the folder: left alone.
            return !alive(pid) && EmbeddedServer.runningPort(folder).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
