/**
 * Ferry's dump archive: one file (or stream) that holds a database's schema, its rows in compressed
 * chunks, and a manifest of row counts and checksums.
 *
 * <pre>
 * archive := MAGIC entry*
 * MAGIC   := "FERRYDUMP1\n"
 * entry   := 'E' u16:name-length name(UTF-8) block* u32:0
 * block   := u32:length(&gt;0) bytes
 * </pre>
 * All integers are big-endian. An entry's payload is the concatenation of its blocks, so an entry can
 * be written without knowing its size in advance (the archive streams through a pipe), and read back
 * by skipping from block header to block header without decompressing anything (a file is indexed in
 * one quick pass and its entries loaded in parallel). Entries: {@code header.json} first,
 * {@code schema.json}, then {@code data/NNNNNN.zst} (a chunk's binary COPY data, zstd-compressed),
 * and {@code manifest.json} last, when every count and checksum is known.
 */
package io.ferry.archive;
