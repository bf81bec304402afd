/**
 * The schema model: immutable records for every kind of database object Ferry compares, creates and
 * transfers, gathered in {@link io.ferry.schema.model.Schema}.
 *
 * <p>Contracts every record keeps:
 * <ul>
 *   <li>Objects are identified by name ({@link io.ferry.schema.model.ObjectRef}), never by OID, so
 *       schemas read from two databases compare with {@code equals}.</li>
 *   <li>Text that PostgreSQL renders (types, defaults, checks, index, constraint, view, trigger and
 *       function definitions) is kept exactly as the catalog renders it with an empty
 *       {@code search_path}: schema-qualified and normalised by the server itself, never by Ferry.</li>
 *   <li>Each object writes its own {@code createSql()} and {@code dropSql()}, quoting every
 *       identifier it names with {@link io.ferry.sql.Identifiers#quote}.</li>
 *   <li>Parts of an object are not separate objects: a constraint's index belongs to the constraint,
 *       an identity column's sequence to the column, a domain's checks to the domain.</li>
 * </ul>
 *
 * <p>Not modelled yet: column-level privileges, default privileges ({@code ALTER DEFAULT
 * PRIVILEGES}), aggregates, range and base types, foreign tables and servers, rules other than a
 * view's own, event triggers, publications, statistics objects, replica identity, tablespaces,
 * column storage and compression settings, and an object whose access list was emptied entirely
 * (it reads like the default).
 */
package io.ferry.schema.model;
