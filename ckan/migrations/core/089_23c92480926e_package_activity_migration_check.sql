-- CKAN 089 (alembic 23c92480926e) changes nothing in the database. It counts the public datasets'
-- activities written before CKAN 2.9 (their data holds the dataset but no "actor"), and tells the
-- administrator to run CKAN's migrate_package_activity.py afterwards if there are any, so that the
-- activity stream can show each dataset's history. The capture records the same count; running
-- that script, against a running CKAN, stays the site's decision.

-- ferry:capture unmigrated_package_activities: SELECT count(*) FROM activity a JOIN package p ON a.object_id = p.id WHERE a.activity_type IN ('new package', 'changed package') AND a.data NOT LIKE '%{"actor"%' AND p.private = false

UPDATE alembic_version SET version_num = '23c92480926e';
