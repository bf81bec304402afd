package io.ferry.diff;

import io.ferry.schema.model.Owned;
import io.ferry.schema.model.Privilege;
import io.ferry.schema.model.Roles;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.sql.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * GRANT and REVOKE statements that turn one object's privileges into another's. The model lists
 * an object's privileges only when they differ from the default; an empty list means the default.
 */
final class Privileges {
    private Privileges() {
    }

    static List<String> change(SchemaObject old, SchemaObject now, Schema a, Schema b) {
        List<Privilege> before = a.privilegesOn(old.ref());
        List<Privilege> after = b.privilegesOn(now.ref());
        List<String> sql = new ArrayList<>();
        if (before.equals(after) || !(now instanceof Owned owned)) {
            return sql;
        }
        String target = Privilege.target(now.ref());
        if (before.isEmpty()) {
            // From the default: take away what the default gives, as the create script does.
            sql.add("REVOKE ALL ON " + target + " FROM PUBLIC");
            sql.add("REVOKE ALL ON " + target + " FROM " + Identifiers.quote(owned.owner()));
            after.forEach(p -> sql.add(p.grantSql()));
            return sql;
        }
        if (after.isEmpty()) {
            Set<String> grantees = new LinkedHashSet<>();
            before.forEach(p -> grantees.add(p.grantee()));
            grantees.forEach(g -> sql.add("REVOKE ALL ON " + target + " FROM " + Roles.sql(g)));
            sql.add("GRANT ALL ON " + target + " TO " + Identifiers.quote(owned.owner()));
            return sql;
        }
        for (Privilege p : before) {
            if (!after.contains(p)) {
                sql.add(p.revokeSql());
            }
        }
        for (Privilege p : after) {
            if (!before.contains(p)) {
                sql.add(p.grantSql());
            }
        }
        return sql;
    }
}
