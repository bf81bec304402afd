/**
 * Reading a {@link io.ferry.schema.model.Schema}: from a live database with
 * {@link io.ferry.schema.read.CatalogReader} (one catalog query per object kind, kept as SQL resources
 * under {@code io/ferry/schema/queries/}), or from a dump file with
 * {@link io.ferry.schema.read.SchemaLoader}, which loads it into a throwaway embedded database and
 * reads that.
 */
package io.ferry.schema.read;
