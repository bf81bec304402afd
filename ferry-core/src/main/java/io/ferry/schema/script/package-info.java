/**
 * Writing a {@link io.ferry.schema.model.Schema} back out as SQL:
 * {@link io.ferry.schema.script.SchemaScript} orders the objects' own statements by their
 * dependencies so the script runs in an empty database.
 */
package io.ferry.schema.script;
