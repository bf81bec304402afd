package io.ferry.schema.script;

import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.ConstraintKind;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.Owned;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The create script of a {@link Schema} cut the way a bulk load wants it, as pg_dump and pgcopydb do:
 * <ol>
 *   <li>{@link #preData()}: everything but keys, indexes, foreign keys and triggers, so rows load
 *       without maintaining indexes or firing anything;</li>
 *   <li>{@link #keysByTable()}: primary keys, unique and exclusion constraints and indexes of ordinary
 *       tables, grouped by table, so different tables can be indexed in parallel;</li>
 *   <li>{@link #postData()}: the rest in dependency order (partitioned tables' keys and indexes and
 *       their attachments, triggers, ...), with every foreign key added {@code NOT VALID};</li>
 *   <li>{@link #validations()}: {@code VALIDATE CONSTRAINT} for each foreign key the source has
 *       validated. Adding a key NOT VALID and validating it later needs no superuser and only a light
 *       lock, unlike turning triggers off.</li>
 * </ol>
 * Owners and grants are left out unless asked for ({@code pg_dump -O -x} semantics).
 */
public record TransferScript(List<String> preData, Map<QualifiedName, List<String>> keysByTable,
                             List<String> postData, List<String> validations) {

    public TransferScript {
        preData = List.copyOf(preData);
        keysByTable = Map.copyOf(keysByTable);
        postData = List.copyOf(postData);
        validations = List.copyOf(validations);
    }

    public static TransferScript of(Schema schema, boolean keepOwners, boolean keepGrants) {
        Schema full = keepGrants ? schema : withoutPrivileges(schema);
        Set<SchemaObject> deferred = new HashSet<>();
        full.constraints().values().stream().filter(c -> c.kind() != ConstraintKind.CHECK).forEach(deferred::add);
        deferred.addAll(full.indexes().values());
        deferred.addAll(full.triggers().values());
        Schema.Builder pre = new Schema.Builder();
        full.objects().filter(o -> !deferred.contains(o)).forEach(pre::add);
        full.dependencies().forEach(pre::add);
        if (keepGrants) {
            full.privileges().values().forEach(pre::add);
        }
        List<String> preData = SchemaScript.create(pre.build());
        List<String> everything = SchemaScript.create(full);

        Set<QualifiedName> parents = new HashSet<>();
        full.tables().values().forEach(t -> parents.addAll(t.parents()));
        Map<QualifiedName, List<SchemaObject>> keyObjects = new LinkedHashMap<>();
        for (SchemaObject object : deferred) {
            QualifiedName table = plainTableOf(object, full, parents);
            if (table != null) {
                keyObjects.computeIfAbsent(table, t -> new ArrayList<>()).add(object);
            }
        }
        Map<String, Integer> taken = new HashMap<>();
        preData.forEach(s -> taken.merge(s, 1, Integer::sum));
        Map<QualifiedName, List<String>> keys = new LinkedHashMap<>();
        keyObjects.forEach((table, objects) -> {
            objects.sort(TransferScript::keysFirst);
            List<String> statements = new ArrayList<>();
            for (SchemaObject object : objects) {
                List<String> made = ObjectStatements.of(object, full);
                made.forEach(s -> taken.merge(s, 1, Integer::sum));
                statements.addAll(object instanceof Constraint c ? KeyIndex.replaceCreate(c, made) : made);
            }
            keys.put(table, statements);
        });
        Map<String, String> addedNotValid = new HashMap<>();
        List<String> validations = new ArrayList<>();
        for (ForeignKey fk : foreignKeys(full)) {
            addedNotValid.put(fk.createSql(), fk.add());
            if (fk.validate() != null) {
                validations.add(fk.validate());
            }
        }
        Set<String> owners = new HashSet<>();
        if (!keepOwners) {
            full.objects().filter(o -> o instanceof Owned).forEach(o -> owners.add(((Owned) o).ownerSql()));
        }
        List<String> post = new ArrayList<>();
        for (String statement : everything) {
            Integer count = taken.get(statement);
            if (count != null && count > 0) {
                taken.put(statement, count - 1);
            } else if (!owners.contains(statement)) {
                post.add(addedNotValid.getOrDefault(statement, statement));
            }
        }
        List<String> filteredPre = preData.stream().filter(s -> !owners.contains(s)).toList();
        return new TransferScript(filteredPre, keys, post, validations);
    }

    /**
     * A foreign key as the script adds it: {@code add} puts it in place {@code NOT VALID} (as
     * {@link #postData()} has it), {@code validate} checks the rows (as {@link #validations()} has it),
     * null when the source's key is not validated either: its rows may not satisfy it.
     */
    public record ForeignKey(QualifiedName table, QualifiedName referenced, String createSql, String add,
                             String validate) {
    }

    /** The foreign keys of the schema's tables, each where it is declared (not inherited copies). */
    public static List<ForeignKey> foreignKeys(Schema schema) {
        List<ForeignKey> keys = new ArrayList<>();
        for (Constraint c : schema.constraints().values()) {
            if (c.kind() == ConstraintKind.FOREIGN_KEY && !c.inherited()) {
                String create = c.createSql();
                keys.add(new ForeignKey(c.table(), c.referencedTable(), create,
                        create.endsWith("NOT VALID") ? create : create + " NOT VALID",
                        c.validated() ? "ALTER TABLE " + c.table().sql() + " VALIDATE CONSTRAINT "
                                + io.ferry.sql.Identifiers.quote(c.name()) : null));
            }
        }
        return keys;
    }

    /**
     * The table of a key or index that can be built on its own: not partitioned, no parents, no
     * children ({@code parents}: every table some table inherits from).
     */
    private static QualifiedName plainTableOf(SchemaObject object, Schema schema, Set<QualifiedName> parents) {
        QualifiedName tableName;
        if (object instanceof Constraint c && !c.inherited() && c.kind() != ConstraintKind.FOREIGN_KEY) {
            tableName = c.table();
        } else if (object instanceof Index i && i.parent() == null) {
            tableName = i.table();
        } else {
            return null;
        }
        Table table = schema.tables().get(tableName.sql());
        boolean plain = table != null && table.partitionKey() == null && table.parents().isEmpty()
                && !parents.contains(tableName);
        return plain ? tableName : null;
    }

    /** Primary keys before the other keys and indexes of their table, the rest by name. */
    private static int keysFirst(SchemaObject a, SchemaObject b) {
        return Comparator.comparing((SchemaObject o) -> !(o instanceof Constraint c && c.kind() == ConstraintKind.PRIMARY_KEY))
                .thenComparing(SchemaObject::ref).compare(a, b);
    }

    private static Schema withoutPrivileges(Schema schema) {
        Schema.Builder builder = new Schema.Builder();
        schema.objects().forEach(builder::add);
        schema.dependencies().forEach(builder::add);
        return builder.build();
    }

    /**
     * The validations grouped by the table they check, in order. Validating a foreign key locks its
     * table against another validation of the same table, so workers given one table each run side
     * by side where workers given one key each would wait for one another.
     */
    public Collection<List<String>> validationsByTable() {
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        for (String validation : validations) {
            byTable.computeIfAbsent(tableOf(validation), t -> new ArrayList<>()).add(validation);
        }
        return byTable.values();
    }

    /** The table of {@code ALTER TABLE name ...}: up to the first space outside double quotes. */
    private static String tableOf(String alterTable) {
        int start = "ALTER TABLE ".length();
        boolean quoted = false;
        for (int i = start; i < alterTable.length(); i++) {
            char c = alterTable.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                return alterTable.substring(start, i);
            }
        }
        return alterTable;
    }

    /** Every statement, in an order that works when run one by one. */
    public List<String> all() {
        List<String> all = new ArrayList<>(preData);
        keysByTable.values().forEach(all::addAll);
        all.addAll(postData);
        all.addAll(validations);
        return all;
    }
}
