package io.ferry.ckan.check;

import java.util.Optional;

/**
 * Active users sharing an e-mail address. CKAN 2.10's core migration 102 ({@code ff13667243ed})
 * creates the unique index {@code idx_only_one_active_email} on {@code "user" (email, state) WHERE
 * state = 'active'}: addresses are compared exactly (case counts), users without an address and
 * users in any other state do not take part. Ferry's core 102 counts the same rows.
 */
record ActiveEmailRule() implements Rule {
    @Override
    public String id() {
        return "active-email";
    }

    @Override
    public String title() {
        return "active users sharing an e-mail address";
    }

    @Override
    public CkanVersion since() {
        return CkanVersion.V2_10;
    }

    @Override
    public Optional<String> offenders(Shape shape, CkanVersion target) {
        if (!shape.has("user", "id", "email", "state")) {
            return Optional.empty();
        }
        return Optional.of("""
                SELECT u.id, u.email FROM "user" u
                WHERE u.state = 'active' AND u.email IS NOT NULL
                  AND EXISTS (SELECT 1 FROM "user" o WHERE o.state = 'active' AND o.email = u.email AND o.id <> u.id)""");
    }

    @Override
    public String consequence(CkanVersion target) {
        return "CKAN 2.10's migration 102 (ff13667243ed) creates a unique index on active users' e-mail and fails "
                + "on these; Ferry's core 102 stops before it, names them and rolls back. Leave each address to one "
                + "active user";
    }
}
