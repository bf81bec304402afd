-- The schema of a CKAN 2.11 database as upgrading it leaves it: CKAN core at its alembic head
-- 4a5e3465beb6 (migration 105), the activity plugin at its head fab3bfdcf830, the tracking plugin at
-- 6313f7679d5f, and the harvest tables as today's ckanext-harvest makes them, at its head
-- 75d650dfd519; each with the version table alembic keeps for it. Schema only.
--
-- This is the "upgraded" side of Ferry's check: a CKAN 2.8 database, or a legacy data.gov.uk one,
-- upgraded by Ferry through CKAN 2.9, 2.10 and 2.11 (core, then harvest, activity and tracking)
-- must have exactly this schema, column order included. It is ckan-2.9.sql (see its header) with
-- what CKAN's own steps after 2.9 change:
--   * core 101 (2.10): user.last_active, last in its table;
--   * core 102: the unique index idx_only_one_active_email on user (email, state) for active users;
--   * core 103: package.plugin_data (jsonb), last in its table;
--   * core 104: the index idx_view_resource_id on resource_view (resource_id);
--   * core 105 (2.11): rating dropped; resource.webstore_url and webstore_last_updated dropped (their
--     revision table keeps them, as CKAN never touches it); a foreign key from resource.package_id
--     to package.id, which CKAN leaves PostgreSQL to name (resource_package_id_fkey); eight
--     redundant indexes dropped (idx_pkg_id, idx_pkg_name, idx_pkg_title, idx_package_tag_tag_id,
--     idx_package_group_group_id, idx_package_group_pkg_id, idx_package_group_pkg_id_group_id, term);
--   * the activity plugin's 71713a055d5c: activity.permission_labels, text[] as the migration makes
--     it (the plugin's model declares the column as text; the database keeps what the migration
--     made); its fab3bfdcf830 only fills it;
--   * the tracking plugin's 6313f7679d5f: the primary key tracking_raw_pkey on tracking_raw
--     (user_key, url, access_timestamp), which makes access_timestamp NOT NULL;
--   * ckanext-harvest's 3b4894672727 and 75d650dfd519 create nothing that ckan-2.9.sql's harvest
--     tables lack; they add harvest_alembic_version.
-- The plugins keep their revisions in <plugin>_alembic_version (their env.py), beside core's
-- alembic_version; migrate_version has been gone since core 090.
--
-- The activity table stays where core made it: CKAN 2.10 moved its model into the activity plugin
-- without a migration, and the tracking tables likewise stay core's (the plugin's model says so).
-- tracking_summary has no key: the plugin's model calls url its primary key, but no migration makes
-- it one.
--
-- Everything lives in the current schema (public).

SET client_min_messages = warning;


-- ---------------------------------------------------------------------------------------------------
-- Revisions: every change to a revisioned ("R") table is recorded as a row in revision plus a copy of
-- the changed row in <table>_revision. The _revision tables carry the table's own columns with
-- revision_id NOT NULL, plus continuity_id (the live row), expired_id, revision_timestamp,
-- expired_timestamp and current, in the order in which CKAN's migrations added them.
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE revision (
    id text NOT NULL,
    "timestamp" timestamp without time zone,
    author character varying(200),
    message text,
    state text,
    approved_timestamp timestamp without time zone,
    CONSTRAINT revision_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_rev_state ON revision (state);
CREATE INDEX idx_revision_author ON revision (author);


-- ---------------------------------------------------------------------------------------------------
-- Users; name is unique.
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE "user" (
    id text NOT NULL,
    name text NOT NULL,
    apikey text,
    created timestamp without time zone,
    about text,
    password text,
    fullname text,
    email text,
    reset_key text,
    sysadmin boolean DEFAULT false,
    activity_streams_email_notifications boolean DEFAULT false,
    state text DEFAULT 'active' NOT NULL,
    plugin_extras jsonb,
    image_url text,
    last_active timestamp without time zone,
    CONSTRAINT user_pkey PRIMARY KEY (id),
    CONSTRAINT user_name_key UNIQUE (name)
);
CREATE INDEX idx_user_id ON "user" (id);
CREATE INDEX idx_user_name ON "user" (name);
-- Sorting users by display name: the full name when there is one, else the user name.
CREATE INDEX idx_user_name_index ON "user" ((CASE WHEN fullname IS NULL OR fullname = '' THEN name ELSE fullname END));
-- One active user per e-mail address (CKAN 2.10).
CREATE UNIQUE INDEX idx_only_one_active_email ON "user" (email, state) WHERE state = 'active';


-- ---------------------------------------------------------------------------------------------------
-- Datasets (package) and their revisions. type has no default in the database; owner_org and
-- creator_user_id have no foreign keys.
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE package (
    id text NOT NULL,
    name character varying(100) NOT NULL,
    title text,
    version character varying(100),
    url text,
    notes text,
    author text,
    author_email text,
    maintainer text,
    maintainer_email text,
    state text,
    license_id text,
    type text,
    owner_org text,
    private boolean DEFAULT false,
    metadata_modified timestamp without time zone,
    creator_user_id text,
    metadata_created timestamp without time zone,
    plugin_data jsonb,
    CONSTRAINT package_pkey PRIMARY KEY (id),
    CONSTRAINT package_name_key UNIQUE (name)
);
CREATE INDEX idx_package_creator_user_id ON package (creator_user_id);
CREATE INDEX idx_pkg_lname ON package (lower((name)::text));
CREATE INDEX idx_pkg_uname ON package (upper((name)::text));
CREATE INDEX idx_pkg_sid ON package (id, state);
CREATE INDEX idx_pkg_sname ON package (name, state);
CREATE INDEX idx_pkg_stitle ON package (title, state);
CREATE INDEX idx_pkg_slname ON package (lower((name)::text), state);
CREATE INDEX idx_pkg_suname ON package (upper((name)::text), state);

CREATE TABLE package_revision (
    id text NOT NULL,
    name character varying(100) NOT NULL,
    title text,
    version character varying(100),
    url text,
    notes text,
    author text,
    author_email text,
    maintainer text,
    maintainer_email text,
    revision_id text NOT NULL,
    state text,
    continuity_id text,
    license_id text,
    expired_id text,
    revision_timestamp timestamp without time zone,
    expired_timestamp timestamp without time zone,
    current boolean,
    type text,
    owner_org text,
    private boolean DEFAULT false,
    metadata_modified timestamp without time zone,
    creator_user_id text,
    metadata_created timestamp without time zone,
    CONSTRAINT package_revision_pkey PRIMARY KEY (id, revision_id),
    CONSTRAINT package_revision_revision_id_fkey FOREIGN KEY (revision_id) REFERENCES revision (id)
);
CREATE INDEX idx_package_continuity_id ON package_revision (continuity_id);
CREATE INDEX idx_package_current ON package_revision (current);
CREATE INDEX idx_package_period ON package_revision (revision_timestamp, expired_timestamp, id);
CREATE INDEX idx_pkg_revision_id ON package_revision (id);
CREATE INDEX idx_pkg_revision_name ON package_revision (name);
CREATE INDEX idx_pkg_revision_rev_id ON package_revision (revision_id);


-- ---------------------------------------------------------------------------------------------------
-- Dataset extras (free key/value pairs; data.gov.uk keeps most of its metadata here).
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE package_extra (
    id text NOT NULL,
    key text,
    value text,
    state text,
    package_id text,
    CONSTRAINT package_extra_pkey PRIMARY KEY (id),
    CONSTRAINT package_extra_package_id_fkey FOREIGN KEY (package_id) REFERENCES package (id)
);
CREATE INDEX idx_extra_pkg_id ON package_extra (package_id);
CREATE INDEX idx_extra_id_pkg_id ON package_extra (id, package_id);

CREATE TABLE package_extra_revision (
    id text NOT NULL,
    key text,
    value text,
    revision_id text NOT NULL,
    state text,
    package_id text,
    continuity_id text,
    expired_id text,
    revision_timestamp timestamp without time zone,
    expired_timestamp timestamp without time zone,
    current boolean,
    CONSTRAINT package_extra_revision_pkey PRIMARY KEY (id, revision_id),
    CONSTRAINT package_extra_revision_revision_id_fkey FOREIGN KEY (revision_id) REFERENCES revision (id)
);
CREATE INDEX idx_package_extra_continuity_id ON package_extra_revision (continuity_id);
CREATE INDEX idx_package_extra_current ON package_extra_revision (current);
CREATE INDEX idx_package_extra_package_id ON package_extra_revision (package_id, current);
CREATE INDEX idx_package_extra_period ON package_extra_revision (revision_timestamp, expired_timestamp, id);
CREATE INDEX idx_package_extra_period_package ON package_extra_revision (revision_timestamp, expired_timestamp, package_id);
CREATE INDEX idx_package_extra_rev_id ON package_extra_revision (revision_id);


-- ---------------------------------------------------------------------------------------------------
-- Tags, optionally in vocabularies, and their link to datasets.
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE vocabulary (
    id text NOT NULL,
    name character varying(100) NOT NULL,
    CONSTRAINT vocabulary_pkey PRIMARY KEY (id),
    CONSTRAINT vocabulary_name_key UNIQUE (name)
);

CREATE TABLE tag (
    id text NOT NULL,
    name character varying(100) NOT NULL,
    vocabulary_id character varying(100),
    CONSTRAINT tag_pkey PRIMARY KEY (id),
    CONSTRAINT tag_name_vocabulary_id_key UNIQUE (name, vocabulary_id),
    CONSTRAINT tag_vocabulary_id_fkey FOREIGN KEY (vocabulary_id) REFERENCES vocabulary (id)
);
CREATE INDEX idx_tag_id ON tag (id);
CREATE INDEX idx_tag_name ON tag (name);

CREATE TABLE package_tag (
    id text NOT NULL,
    state text,
    package_id text,
    tag_id text,
    CONSTRAINT package_tag_pkey PRIMARY KEY (id),
    CONSTRAINT package_tag_package_id_fkey FOREIGN KEY (package_id) REFERENCES package (id),
    CONSTRAINT package_tag_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES tag (id)
);
CREATE INDEX idx_package_tag_id ON package_tag (id);
CREATE INDEX idx_package_tag_pkg_id ON package_tag (package_id);
CREATE INDEX idx_package_tag_pkg_id_tag_id ON package_tag (tag_id, package_id);

CREATE TABLE package_tag_revision (
    id text NOT NULL,
    revision_id text NOT NULL,
    state text,
    package_id text,
    tag_id text,
    continuity_id text,
    expired_id text,
    revision_timestamp timestamp without time zone,
    expired_timestamp timestamp without time zone,
    current boolean,
    CONSTRAINT package_tag_revision_pkey PRIMARY KEY (id, revision_id),
    CONSTRAINT package_tag_revision_revision_id_fkey FOREIGN KEY (revision_id) REFERENCES revision (id),
    CONSTRAINT package_tag_revision_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES tag (id)
);
CREATE INDEX idx_package_tag_continuity_id ON package_tag_revision (continuity_id);
CREATE INDEX idx_package_tag_current ON package_tag_revision (current);
CREATE INDEX idx_package_tag_revision_id ON package_tag_revision (id);
CREATE INDEX idx_package_tag_revision_pkg_id ON package_tag_revision (package_id);
CREATE INDEX idx_package_tag_revision_tag_id ON package_tag_revision (tag_id);
CREATE INDEX idx_package_tag_revision_rev_id ON package_tag_revision (revision_id);
CREATE INDEX idx_package_tag_revision_pkg_id_tag_id ON package_tag_revision (tag_id, package_id);
CREATE INDEX idx_period_package_tag ON package_tag_revision (revision_timestamp, expired_timestamp, package_id, tag_id);


-- ---------------------------------------------------------------------------------------------------
-- Groups and organizations (data.gov.uk's publishers are "group" rows with is_organization = true),
-- their extras, and membership. member.table_id points at a package or a user depending on
-- table_name, so it has no foreign key.
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE "group" (
    id text NOT NULL,
    name text NOT NULL,
    title text,
    description text,
    created timestamp without time zone,
    state text,
    type text NOT NULL,
    approval_status text,
    image_url text,
    is_organization boolean DEFAULT false,
    CONSTRAINT group_pkey PRIMARY KEY (id),
    CONSTRAINT group_name_key UNIQUE (name)
);
CREATE INDEX idx_group_id ON "group" (id);
CREATE INDEX idx_group_name ON "group" (name);

CREATE TABLE group_revision (
    id text NOT NULL,
    name text NOT NULL,
    title text,
    description text,
    created timestamp without time zone,
    state text,
    revision_id text NOT NULL,
    continuity_id text,
    expired_id text,
    revision_timestamp timestamp without time zone,
    expired_timestamp timestamp without time zone,
    current boolean,
    type text NOT NULL,
    approval_status text,
    image_url text,
    is_organization boolean DEFAULT false,
    CONSTRAINT group_revision_pkey PRIMARY KEY (id, revision_id),
    CONSTRAINT group_revision_revision_id_fkey FOREIGN KEY (revision_id) REFERENCES revision (id)
);
CREATE INDEX idx_group_current ON group_revision (current);
CREATE INDEX idx_group_period ON group_revision (revision_timestamp, expired_timestamp, id);

CREATE TABLE group_extra (
    id text NOT NULL,
    group_id text,
    key text,
    value text,
    state text,
    CONSTRAINT group_extra_pkey PRIMARY KEY (id),
    CONSTRAINT group_extra_group_id_fkey FOREIGN KEY (group_id) REFERENCES "group" (id)
);
CREATE INDEX idx_group_extra_group_id ON group_extra (group_id);

CREATE TABLE group_extra_revision (
    id text NOT NULL,
    group_id text,
    key text,
    value text,
    state text,
    revision_id text NOT NULL,
    continuity_id text,
    expired_id text,
    revision_timestamp timestamp without time zone,
    expired_timestamp timestamp without time zone,
    current boolean,
    CONSTRAINT group_extra_revision_pkey PRIMARY KEY (id, revision_id),
    CONSTRAINT group_extra_revision_group_id_fkey FOREIGN KEY (group_id) REFERENCES "group" (id),
    CONSTRAINT group_extra_revision_revision_id_fkey FOREIGN KEY (revision_id) REFERENCES revision (id)
);
CREATE INDEX idx_group_extra_current ON group_extra_revision (current);
CREATE INDEX idx_group_extra_period ON group_extra_revision (revision_timestamp, expired_timestamp, id);
CREATE INDEX idx_group_extra_period_group ON group_extra_revision (revision_timestamp, expired_timestamp, group_id);

CREATE TABLE member (
    id text NOT NULL,
    group_id text,
    table_id text NOT NULL,
    state text,
    table_name text NOT NULL,
    capacity text NOT NULL,
    CONSTRAINT member_pkey PRIMARY KEY (id),
    CONSTRAINT member_group_id_fkey FOREIGN KEY (group_id) REFERENCES "group" (id)
);
-- The names still say "package_group": member was package_group before CKAN 1.x generalised it.
CREATE INDEX idx_package_group_id ON member (id);
CREATE INDEX idx_group_pkg_id ON member (table_id);
CREATE INDEX idx_extra_grp_id_pkg_id ON member (group_id, table_id);

CREATE TABLE member_revision (
    id text NOT NULL,
    table_id text NOT NULL,
    group_id text,
    state text,
    revision_id text NOT NULL,
    continuity_id text,
    expired_id text,
    revision_timestamp timestamp without time zone,
    expired_timestamp timestamp without time zone,
    current boolean,
    table_name text NOT NULL,
    capacity text NOT NULL,
    CONSTRAINT member_revision_pkey PRIMARY KEY (id, revision_id),
    CONSTRAINT member_revision_revision_id_fkey FOREIGN KEY (revision_id) REFERENCES revision (id)
);
CREATE INDEX idx_member_continuity_id ON member_revision (continuity_id);
CREATE INDEX idx_package_group_current ON member_revision (current);
CREATE INDEX idx_package_group_period_package_group ON member_revision (revision_timestamp, expired_timestamp, table_id, group_id);


-- ---------------------------------------------------------------------------------------------------
-- Resources (the files and links of a dataset) and their views. package_id (CKAN 074, when resource
-- groups went away) has an index (CKAN 092) and, since CKAN 105, its foreign key; metadata_modified
-- came last (094). The revision table keeps the webstore columns that 105 took from resource.
-- ---------------------------------------------------------------------------------------------------

-- extras is a JSON object kept as text.
CREATE TABLE resource (
    id text NOT NULL,
    url text NOT NULL,
    format text,
    description text,
    "position" integer,
    hash text,
    state text,
    extras text,
    name text,
    resource_type text,
    mimetype text,
    mimetype_inner text,
    size bigint,
    last_modified timestamp without time zone,
    cache_url text,
    cache_last_updated timestamp without time zone,
    created timestamp without time zone,
    url_type text,
    package_id text DEFAULT '' NOT NULL,
    metadata_modified timestamp without time zone,
    CONSTRAINT resource_pkey PRIMARY KEY (id),
    CONSTRAINT resource_package_id_fkey FOREIGN KEY (package_id) REFERENCES package (id)
);
-- "package_resource" in the names: the table was package_resource until CKAN 034.
CREATE INDEX idx_package_resource_id ON resource (id);
CREATE INDEX idx_package_resource_url ON resource (url);
CREATE INDEX idx_package_resource_package_id ON resource (package_id);

CREATE TABLE resource_revision (
    id text NOT NULL,
    url text NOT NULL,
    format text,
    description text,
    "position" integer,
    revision_id text NOT NULL,
    hash text,
    state text,
    continuity_id text,
    extras text,
    expired_id text,
    revision_timestamp timestamp without time zone,
    expired_timestamp timestamp without time zone,
    current boolean,
    name text,
    resource_type text,
    mimetype text,
    mimetype_inner text,
    size bigint,
    last_modified timestamp without time zone,
    cache_url text,
    cache_last_updated timestamp without time zone,
    webstore_url text,
    webstore_last_updated timestamp without time zone,
    created timestamp without time zone,
    url_type text,
    package_id text DEFAULT '' NOT NULL,
    CONSTRAINT resource_revision_pkey PRIMARY KEY (id, revision_id),
    CONSTRAINT resource_revision_revision_id_fkey FOREIGN KEY (revision_id) REFERENCES revision (id)
);
CREATE INDEX idx_package_resource_rev_id ON resource_revision (revision_id);
CREATE INDEX idx_resource_continuity_id ON resource_revision (continuity_id);
CREATE INDEX idx_resource_current ON resource_revision (current);
CREATE INDEX idx_resource_period ON resource_revision (revision_timestamp, expired_timestamp, id);

-- How a resource is previewed; config is JSON text. Deleting a resource deletes its views.
CREATE TABLE resource_view (
    id text NOT NULL,
    resource_id text,
    title text,
    description text,
    view_type text NOT NULL,
    "order" integer NOT NULL,
    config text,
    CONSTRAINT resource_view_pkey PRIMARY KEY (id),
    CONSTRAINT resource_view_resource_id_fkey FOREIGN KEY (resource_id) REFERENCES resource (id) ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX idx_view_resource_id ON resource_view (resource_id);


-- ---------------------------------------------------------------------------------------------------
-- Relationships between datasets.
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE package_relationship (
    id text NOT NULL,
    subject_package_id text,
    object_package_id text,
    type text,
    comment text,
    state text,
    CONSTRAINT package_relationship_pkey PRIMARY KEY (id),
    CONSTRAINT package_relationship_object_package_id_fkey FOREIGN KEY (object_package_id) REFERENCES package (id),
    CONSTRAINT package_relationship_subject_package_id_fkey FOREIGN KEY (subject_package_id) REFERENCES package (id)
);

CREATE TABLE package_relationship_revision (
    id text NOT NULL,
    subject_package_id text,
    object_package_id text,
    type text,
    comment text,
    revision_id text NOT NULL,
    continuity_id text,
    state text,
    expired_id text,
    revision_timestamp timestamp without time zone,
    expired_timestamp timestamp without time zone,
    current boolean,
    CONSTRAINT package_relationship_revision_pkey PRIMARY KEY (id, revision_id),
    CONSTRAINT package_relationship_revision_continuity_id_fkey FOREIGN KEY (continuity_id) REFERENCES package_relationship (id),
    CONSTRAINT package_relationship_revision_object_package_id_fkey FOREIGN KEY (object_package_id) REFERENCES package (id),
    CONSTRAINT package_relationship_revision_revision_id_fkey FOREIGN KEY (revision_id) REFERENCES revision (id),
    CONSTRAINT package_relationship_revision_subject_package_id_fkey FOREIGN KEY (subject_package_id) REFERENCES package (id)
);
CREATE INDEX idx_package_relationship_current ON package_relationship_revision (current);
CREATE INDEX idx_period_package_relationship ON package_relationship_revision (revision_timestamp, expired_timestamp, object_package_id, subject_package_id);


-- ---------------------------------------------------------------------------------------------------
-- Collaborators on a dataset (CKAN 2.9) and API tokens (a user may have several).
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE package_member (
    package_id text NOT NULL,
    user_id text NOT NULL,
    capacity text NOT NULL,
    modified timestamp without time zone NOT NULL,
    CONSTRAINT package_member_pkey PRIMARY KEY (package_id, user_id),
    CONSTRAINT package_member_package_id_fkey FOREIGN KEY (package_id) REFERENCES package (id),
    CONSTRAINT package_member_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user" (id)
);

CREATE TABLE api_token (
    id text NOT NULL,
    name text,
    user_id text,
    created_at timestamp without time zone DEFAULT CURRENT_TIMESTAMP,
    last_access timestamp without time zone,
    plugin_extras jsonb,
    CONSTRAINT api_token_pkey PRIMARY KEY (id),
    CONSTRAINT api_token_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user" (id)
);

-- ---------------------------------------------------------------------------------------------------
-- Activity streams and dashboards. activity has no foreign keys (it outlives what it describes).
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE activity (
    id text NOT NULL,
    "timestamp" timestamp without time zone,
    user_id text,
    object_id text,
    revision_id text,
    activity_type text,
    data text,
    permission_labels text[],
    CONSTRAINT activity_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_activity_user_id ON activity (user_id, "timestamp");
CREATE INDEX idx_activity_object_id ON activity (object_id, "timestamp");

CREATE TABLE activity_detail (
    id text NOT NULL,
    activity_id text,
    object_id text,
    object_type text,
    activity_type text,
    data text,
    CONSTRAINT activity_detail_pkey PRIMARY KEY (id),
    CONSTRAINT activity_detail_activity_id_fkey FOREIGN KEY (activity_id) REFERENCES activity (id)
);
CREATE INDEX idx_activity_detail_activity_id ON activity_detail (activity_id);

CREATE TABLE dashboard (
    user_id text NOT NULL,
    activity_stream_last_viewed timestamp without time zone NOT NULL,
    email_last_sent timestamp without time zone DEFAULT LOCALTIMESTAMP NOT NULL,
    CONSTRAINT dashboard_pkey PRIMARY KEY (user_id),
    CONSTRAINT dashboard_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user" (id) ON UPDATE CASCADE ON DELETE CASCADE
);


-- ---------------------------------------------------------------------------------------------------
-- Site settings set through the web interface. id is CKAN core's only serial column. The revision
-- table got its state and period columns late (CKAN 077), hence their place after continuity_id,
-- and it has no unique key on key.
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE system_info (
    id serial NOT NULL,
    key character varying(100) NOT NULL,
    value text,
    state text DEFAULT 'active' NOT NULL,
    CONSTRAINT system_info_pkey PRIMARY KEY (id),
    CONSTRAINT system_info_key_key UNIQUE (key)
);

CREATE TABLE system_info_revision (
    id integer NOT NULL,
    key character varying(100) NOT NULL,
    value text,
    revision_id text NOT NULL,
    continuity_id integer,
    state text DEFAULT 'active' NOT NULL,
    expired_id text,
    revision_timestamp timestamp without time zone,
    expired_timestamp timestamp without time zone,
    current boolean,
    CONSTRAINT system_info_revision_pkey PRIMARY KEY (id, revision_id),
    CONSTRAINT system_info_revision_continuity_id_fkey FOREIGN KEY (continuity_id) REFERENCES system_info (id),
    CONSTRAINT system_info_revision_revision_id_fkey FOREIGN KEY (revision_id) REFERENCES revision (id)
);


-- ---------------------------------------------------------------------------------------------------
-- Background task bookkeeping, translations, page-view tracking.
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE task_status (
    id text NOT NULL,
    entity_id text NOT NULL,
    entity_type text NOT NULL,
    task_type text NOT NULL,
    key text NOT NULL,
    value text NOT NULL,
    state text,
    error text,
    last_updated timestamp without time zone,
    CONSTRAINT task_status_pkey PRIMARY KEY (id),
    CONSTRAINT task_status_entity_id_task_type_key_key UNIQUE (entity_id, task_type, key)
);

-- No primary key: CKAN never gave it one.
CREATE TABLE term_translation (
    term text NOT NULL,
    term_translation text NOT NULL,
    lang_code text NOT NULL
);
CREATE INDEX term_lang ON term_translation (term, lang_code);

CREATE TABLE tracking_raw (
    user_key character varying(100) NOT NULL,
    url text NOT NULL,
    tracking_type character varying(10) NOT NULL,
    access_timestamp timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT tracking_raw_pkey PRIMARY KEY (user_key, url, access_timestamp)
);
CREATE INDEX tracking_raw_url ON tracking_raw (url);
CREATE INDEX tracking_raw_user_key ON tracking_raw (user_key);
CREATE INDEX tracking_raw_access_timestamp ON tracking_raw (access_timestamp);

CREATE TABLE tracking_summary (
    url text NOT NULL,
    package_id text,
    tracking_type character varying(10) NOT NULL,
    count integer NOT NULL,
    running_total integer DEFAULT 0 NOT NULL,
    recent_views integer DEFAULT 0 NOT NULL,
    tracking_date date
);
CREATE INDEX tracking_summary_url ON tracking_summary (url);
CREATE INDEX tracking_summary_package_id ON tracking_summary (package_id);
CREATE INDEX tracking_summary_date ON tracking_summary (tracking_date);


-- ---------------------------------------------------------------------------------------------------
-- Following users, datasets and groups. The group table's constraint names are CKAN's own
-- (user_id / group_id although the columns are follower_id / object_id).
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE user_following_user (
    follower_id text NOT NULL,
    object_id text NOT NULL,
    datetime timestamp without time zone NOT NULL,
    CONSTRAINT user_following_user_pkey PRIMARY KEY (follower_id, object_id),
    CONSTRAINT user_following_user_follower_id_fkey FOREIGN KEY (follower_id) REFERENCES "user" (id) ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT user_following_user_object_id_fkey FOREIGN KEY (object_id) REFERENCES "user" (id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE user_following_dataset (
    follower_id text NOT NULL,
    object_id text NOT NULL,
    datetime timestamp without time zone NOT NULL,
    CONSTRAINT user_following_dataset_pkey PRIMARY KEY (follower_id, object_id),
    CONSTRAINT user_following_dataset_follower_id_fkey FOREIGN KEY (follower_id) REFERENCES "user" (id) ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT user_following_dataset_object_id_fkey FOREIGN KEY (object_id) REFERENCES package (id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE user_following_group (
    follower_id text NOT NULL,
    object_id text NOT NULL,
    datetime timestamp without time zone NOT NULL,
    CONSTRAINT user_following_group_pkey PRIMARY KEY (follower_id, object_id),
    CONSTRAINT user_following_group_user_id_fkey FOREIGN KEY (follower_id) REFERENCES "user" (id) ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT user_following_group_group_id_fkey FOREIGN KEY (object_id) REFERENCES "group" (id) ON UPDATE CASCADE ON DELETE CASCADE
);


-- ---------------------------------------------------------------------------------------------------
-- alembic's bookkeeping: one row each, the revision CKAN core and each plugin is at. alembic names
-- the key <table>_pkc.
-- ---------------------------------------------------------------------------------------------------

CREATE TABLE alembic_version (
    version_num character varying(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE activity_alembic_version (
    version_num character varying(32) NOT NULL,
    CONSTRAINT activity_alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE tracking_alembic_version (
    version_num character varying(32) NOT NULL,
    CONSTRAINT tracking_alembic_version_pkc PRIMARY KEY (version_num)
);


-- ===================================================================================================
-- Harvesting: ckanext-harvest as it creates its tables today (its first alembic revision, then the
-- one that adds ON DELETE CASCADE to every foreign key). The columns are the v3 shape in the
-- extension's own order; no database defaults. The extension keeps its own version in
-- harvest_alembic_version.
-- ===================================================================================================

CREATE TABLE harvest_alembic_version (
    version_num character varying(32) NOT NULL,
    CONSTRAINT harvest_alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE harvest_source (
    id text NOT NULL,
    url text NOT NULL,
    title text,
    description text,
    config text,
    created timestamp without time zone,
    type text NOT NULL,
    active boolean,
    user_id text,
    publisher_id text,
    frequency text,
    next_run timestamp without time zone,
    CONSTRAINT harvest_source_pkey PRIMARY KEY (id)
);

CREATE TABLE harvest_job (
    id text NOT NULL,
    created timestamp without time zone,
    gather_started timestamp without time zone,
    gather_finished timestamp without time zone,
    finished timestamp without time zone,
    source_id text,
    status text NOT NULL,
    CONSTRAINT harvest_job_pkey PRIMARY KEY (id),
    CONSTRAINT harvest_job_source_id_fkey FOREIGN KEY (source_id) REFERENCES harvest_source (id) ON DELETE CASCADE
);

CREATE TABLE harvest_object (
    id text NOT NULL,
    guid text,
    current boolean,
    gathered timestamp without time zone,
    fetch_started timestamp without time zone,
    content text,
    fetch_finished timestamp without time zone,
    import_started timestamp without time zone,
    import_finished timestamp without time zone,
    state text,
    metadata_modified_date timestamp without time zone,
    retry_times integer,
    harvest_job_id text,
    harvest_source_id text,
    package_id text,
    report_status text,
    CONSTRAINT harvest_object_pkey PRIMARY KEY (id),
    CONSTRAINT harvest_object_harvest_job_id_fkey FOREIGN KEY (harvest_job_id) REFERENCES harvest_job (id) ON DELETE CASCADE,
    CONSTRAINT harvest_object_harvest_source_id_fkey FOREIGN KEY (harvest_source_id) REFERENCES harvest_source (id) ON DELETE CASCADE,
    -- Deferrable, so a harvester can write the object before its dataset in one transaction.
    CONSTRAINT harvest_object_package_id_fkey FOREIGN KEY (package_id) REFERENCES package (id) ON DELETE CASCADE DEFERRABLE
);
CREATE INDEX harvest_job_id_idx ON harvest_object (harvest_job_id);
CREATE INDEX harvest_source_id_idx ON harvest_object (harvest_source_id);
CREATE INDEX package_id_idx ON harvest_object (package_id);
CREATE INDEX guid_idx ON harvest_object (guid);

CREATE TABLE harvest_object_extra (
    id text NOT NULL,
    harvest_object_id text,
    key text,
    value text,
    CONSTRAINT harvest_object_extra_pkey PRIMARY KEY (id),
    CONSTRAINT harvest_object_extra_harvest_object_id_fkey FOREIGN KEY (harvest_object_id) REFERENCES harvest_object (id) ON DELETE CASCADE
);
CREATE INDEX harvest_object_id_idx ON harvest_object_extra (harvest_object_id);

CREATE TABLE harvest_gather_error (
    id text NOT NULL,
    harvest_job_id text,
    message text,
    created timestamp without time zone,
    CONSTRAINT harvest_gather_error_pkey PRIMARY KEY (id),
    CONSTRAINT harvest_gather_error_harvest_job_id_fkey FOREIGN KEY (harvest_job_id) REFERENCES harvest_job (id) ON DELETE CASCADE
);

CREATE TABLE harvest_object_error (
    id text NOT NULL,
    harvest_object_id text,
    message text,
    stage text,
    line integer,
    created timestamp without time zone,
    CONSTRAINT harvest_object_error_pkey PRIMARY KEY (id),
    CONSTRAINT harvest_object_error_harvest_object_id_fkey FOREIGN KEY (harvest_object_id) REFERENCES harvest_object (id) ON DELETE CASCADE
);
CREATE INDEX harvest_error_harvest_object_id_idx ON harvest_object_error (harvest_object_id);

CREATE TYPE log_level AS ENUM ('DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL');

-- The harvester's log lines, when database logging is on.
CREATE TABLE harvest_log (
    id text NOT NULL,
    content text NOT NULL,
    level log_level,
    created timestamp without time zone,
    CONSTRAINT harvest_log_pkey PRIMARY KEY (id)
);


-- ===================================================================================================
-- Where core and the plugins stand: each at its head revision.
-- ===================================================================================================

INSERT INTO alembic_version (version_num) VALUES ('4a5e3465beb6');
INSERT INTO activity_alembic_version (version_num) VALUES ('fab3bfdcf830');
INSERT INTO tracking_alembic_version (version_num) VALUES ('6313f7679d5f');
INSERT INTO harvest_alembic_version (version_num) VALUES ('75d650dfd519');
