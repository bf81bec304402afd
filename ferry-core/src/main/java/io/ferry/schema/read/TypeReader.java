package io.ferry.schema.read;

import io.ferry.schema.model.Collation;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.CompositeType;
import io.ferry.schema.model.DomainCheck;
import io.ferry.schema.model.DomainType;
import io.ferry.schema.model.EnumType;
import io.ferry.schema.model.Extension;
import io.ferry.schema.model.Function;
import io.ferry.schema.model.FunctionKind;
import io.ferry.schema.model.Namespace;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads schemas, extensions, collations, types and functions. */
final class TypeReader {
    private TypeReader() {
    }

    static void readNamespaces(Queries queries, Schema.Builder builder) {
        queries.run("schemas", rs -> builder.add(
                new Namespace(rs.getString("name"), rs.getString("owner"), rs.getString("comment"))));
        queries.run("extensions", rs -> builder.add(new Extension(rs.getString("name"),
                rs.getString("schema"), rs.getString("version"), rs.getString("comment"))));
        queries.run("collations", rs -> {
            char provider = Rows.code(rs, "provider");
            String locale = rs.getString("locale");
            String lcCollate = rs.getString("lc_collate");
            String lcCtype = rs.getString("lc_ctype");
            if (provider == 'i') {
                // Before PostgreSQL 15 an ICU collation kept its locale in collcollate.
                locale = locale != null ? locale : lcCollate;
                lcCollate = null;
                lcCtype = null;
            }
            builder.add(new Collation(Rows.name(rs, "schema", "name"), providerName(provider), lcCollate, lcCtype,
                    locale, rs.getBoolean("deterministic"), rs.getString("owner"), rs.getString("comment")));
        });
    }

    private static String providerName(char code) {
        return switch (code) {
            case 'i' -> "icu";
            case 'c' -> "libc";
            default -> "default";
        };
    }

    /** Enums, domains and composite types; a composite type's attributes come from {@code columns}. */
    static void readTypes(Queries queries, Schema.Builder builder, Map<QualifiedName, List<Column>> columns) {
        queries.run("types", rs -> {
            QualifiedName name = Rows.name(rs, "schema", "name");
            String owner = rs.getString("owner");
            String comment = rs.getString("comment");
            switch (Rows.code(rs, "type")) {
                case 'e' -> builder.add(new EnumType(name, Rows.strings(rs, "labels"), owner, comment));
                case 'd' -> {
                    List<String> names = Rows.strings(rs, "check_names");
                    List<String> definitions = Rows.strings(rs, "check_definitions");
                    List<DomainCheck> checks = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        checks.add(new DomainCheck(names.get(i), definitions.get(i)));
                    }
                    builder.add(new DomainType(name, rs.getString("base_type"), rs.getBoolean("not_null"),
                            rs.getString("default_expr"), Rows.name(rs, "collation_schema", "collation_name"),
                            checks, owner, comment));
                }
                default -> builder.add(new CompositeType(name, columns.getOrDefault(name, List.of()), owner, comment));
            }
        });
    }

    static void readFunctions(Queries queries, Schema.Builder builder) {
        queries.run("functions", rs -> {
            FunctionKind kind = switch (Rows.code(rs, "kind")) {
                case 'p' -> FunctionKind.PROCEDURE;
                case 'w' -> FunctionKind.WINDOW;
                default -> FunctionKind.FUNCTION;
            };
            builder.add(new Function(Rows.name(rs, "schema", "name"), rs.getString("argument_types"), kind,
                    rs.getString("definition"), rs.getString("owner"), rs.getString("comment")));
        });
        queries.run("aggregates", rs -> builder.add(new Function(Rows.name(rs, "schema", "name"),
                rs.getString("argument_types"), FunctionKind.AGGREGATE, rs.getString("definition"),
                rs.getString("owner"), rs.getString("comment"))));
    }
}
