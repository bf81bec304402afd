package io.ferry.sql;

/**
 * One item of a SQL script as {@link ScriptReader} returns it: a statement, a psql backslash command,
 * or the data block that follows a {@code COPY ... FROM stdin} statement.
 */
public sealed interface ScriptItem permits SqlStatement, MetaCommand, CopyData {
}
