package io.ferry.cli;

import io.ferry.transfer.TargetRoles;
import picocli.CommandLine.Option;

/** The target's roles a move gives its objects to and grants reading to (CKAN's DataStore roles). */
final class RoleOptions {
    @Option(names = "--owner", paramLabel = "ROLE", description = "Give every object the move creates to this role "
            + "of the target (the DataStore's write role); refused if the role does not exist there.")
    String owner;

    @Option(names = "--grant-read", paramLabel = "ROLE", description = "Grant this role of the target reading as CKAN's "
            + "datastore set-permissions does: CONNECT, USAGE on schema public, SELECT on its tables and views, and "
            + "SELECT on the tables the write role (--owner, else the target's user) creates there later.")
    String grantRead;

    TargetRoles roles() {
        return new TargetRoles(owner, grantRead);
    }
}
