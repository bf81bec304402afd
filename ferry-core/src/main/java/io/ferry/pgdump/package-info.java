/**
 * Reads pg_dump's own archive formats (custom {@code -Fc}, directory {@code -Fd}, tar {@code -Ft}):
 * the header, the table of contents and the data blocks, and loads them into an empty database.
 * Archive versions 1.14 to 1.16 are read, as pg_dump 12 to 17 write them; the format is implemented
 * here from its published description, decompression is left to libraries (zlib, zstd-jni, lz4-java).
 */
package io.ferry.pgdump;
