/**
 * Reading SQL scripts the way psql runs them, and quoting names and strings for SQL that Ferry
 * writes.
 *
 * <p>{@link io.ferry.sql.ScriptReader} streams a script as {@link io.ferry.sql.SqlStatement}s (each
 * with the line it starts on), psql backslash commands ({@link io.ferry.sql.MetaCommand}) and the
 * data of {@code COPY ... FROM stdin} blocks ({@link io.ferry.sql.CopyData}). It serves migration
 * files through {@link io.ferry.sql.ScriptReader#statements(String)} as well as plain pg_dump files
 * of any size. {@link io.ferry.sql.Identifiers} quotes identifiers and string literals.
 */
package io.ferry.sql;
