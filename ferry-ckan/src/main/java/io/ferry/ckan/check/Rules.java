package io.ferry.ckan.check;

import java.util.List;

/** Every rule {@code ferry ckan check} applies, in the order it reports them. */
public final class Rules {
    private static final List<Rule> ALL = List.of(
            new NameRule("user-name", "user", "true", "users"),
            new NameRule("dataset-name", "package", "true", "datasets"),
            new NameRule("group-name", "group", NameRule.GROUPS, "groups"),
            new NameRule("organization-name", "group", NameRule.ORGANIZATIONS, "organizations"),
            new ActiveEmailRule(),
            new EmailRule("user-email", "user", "email", "users"),
            new EmailRule("dataset-author-email", "package", "author_email", "datasets"),
            new EmailRule("dataset-maintainer-email", "package", "maintainer_email", "datasets"),
            new ResourceGroupRule(),
            new ResourcePackageRule(),
            new DuplicateExtraKeyRule(),
            new TagNameRule(),
            new OwnerOrgRule(),
            new HarvestReferenceRule(),
            new HarvestSourceDatasetRule(),
            new OrphanRule("package-extra-package", "package_extra", "package_id", "package"),
            new OrphanRule("member-group", "member", "group_id", "group"),
            new OrphanRule("group-extra-group", "group_extra", "group_id", "group"),
            new OrphanRule("package-tag-package", "package_tag", "package_id", "package"),
            new OrphanRule("package-tag-tag", "package_tag", "tag_id", "tag"),
            new OrphanRule("resource-group-package", "resource_group", "package_id", "package"),
            new OrphanRule("resource-view-resource", "resource_view", "resource_id", "resource"));

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }
}
