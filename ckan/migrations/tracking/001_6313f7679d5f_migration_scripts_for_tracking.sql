-- The tracking plugin's first alembic revision (6313f7679d5f, CKAN 2.11.1 and later) gives
-- tracking_raw a primary key on (user_key, url, access_timestamp), named tracking_raw_pkey, and alembic
-- records the revision in the plugin's own version table, tracking_alembic_version.
--
-- In CKAN the key fails with the database's own error where a page view has no access time (the
-- column had a default but allowed NULL) or two page views of one visitor and URL share the same
-- instant. Ferry adds the key only when no row breaks it; otherwise the assertion names the counts and
-- the step is rolled back. Deleting page views, or giving them a time, is the site's decision (then
-- `ferry repair` and migrate again). CKAN 2.11.0 shipped without this revision; its tracking_raw
-- has no key.

-- ferry:capture raw_views: SELECT count(*) FROM tracking_raw
-- ferry:capture views_without_time: SELECT count(*) FROM tracking_raw WHERE access_timestamp IS NULL
-- ferry:capture views_at_the_same_instant: SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM tracking_raw WHERE access_timestamp IS NOT NULL GROUP BY user_key, url, access_timestamp HAVING count(*) > 1) AS d

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM tracking_raw WHERE access_timestamp IS NULL)
       AND NOT EXISTS (SELECT 1 FROM tracking_raw GROUP BY user_key, url, access_timestamp HAVING count(*) > 1) THEN
        ALTER TABLE tracking_raw ADD CONSTRAINT tracking_raw_pkey PRIMARY KEY (user_key, url, access_timestamp);
    END IF;
END
$$;

CREATE TABLE tracking_alembic_version (
    version_num character varying(32) NOT NULL,
    CONSTRAINT tracking_alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO tracking_alembic_version (version_num) VALUES ('6313f7679d5f');

-- ferry:assert SELECT :views_without_time = 0 AND :views_at_the_same_instant = 0
-- ferry:assert SELECT count(*) = :raw_views FROM tracking_raw
-- ferry:assert SELECT to_regclass('tracking_raw_pkey') IS NOT NULL
