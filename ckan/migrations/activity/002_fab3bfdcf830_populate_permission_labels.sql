-- CKAN's activity plugin, alembic fab3bfdcf830 (CKAN 2.11.3): the dataset activities recorded before
-- 2.11 get permission labels. Until they have some, CKAN 2.11 hides them from everyone but sysadmins.
--
-- CKAN's step gives every such activity the label 'public', whatever its dataset: the activity of a
-- private dataset becomes visible to anyone. Ferry gives each activity the labels CKAN's own
-- DefaultPermissionLabels.get_dataset_labels computes for its dataset, as CKAN 2.11 does for each new
-- activity, and as Ferry's search documents carry them:
--   * an active dataset that is not private: 'public';
--   * otherwise (private, draft, deleted) 'member-<owner_org>' when it has an organization,
--     else 'creator-<creator_user_id>' ('creator-None' when that is empty, as Python formats it).
-- The labels are those of the dataset as it is now, which decide who may see it today. CKAN adds
-- 'collaborator-<dataset id>' only on sites that set ckan.auth.allow_dataset_collaborators (off by
-- default); Ferry does not read a site's config here and leaves it out. The activities of datasets
-- that are gone (purged) get 'public', as in CKAN's step. Labels already there are kept.

-- ferry:capture activities: SELECT count(*) FROM activity
-- ferry:capture unlabelled: SELECT count(*) FROM activity WHERE activity_type LIKE '% package' AND permission_labels IS NULL
-- ferry:capture of_public_datasets: SELECT count(*) FROM activity a JOIN package p ON p.id = a.object_id WHERE a.activity_type LIKE '% package' AND a.permission_labels IS NULL AND p.state = 'active' AND NOT coalesce(p.private, false)
-- ferry:capture of_other_datasets: SELECT count(*) FROM activity a JOIN package p ON p.id = a.object_id WHERE a.activity_type LIKE '% package' AND a.permission_labels IS NULL AND NOT (p.state = 'active' AND NOT coalesce(p.private, false))
-- ferry:capture of_purged_datasets: SELECT count(*) FROM activity a WHERE a.activity_type LIKE '% package' AND a.permission_labels IS NULL AND NOT EXISTS (SELECT 1 FROM package p WHERE p.id = a.object_id)
-- ferry:capture other_labelled: SELECT count(*) FROM activity WHERE activity_type NOT LIKE '% package' AND permission_labels IS NOT NULL
-- ferry:capture public_before: SELECT count(*) FROM activity WHERE permission_labels = ARRAY['public']

UPDATE activity AS a
SET permission_labels = CASE
        WHEN p.state = 'active' AND NOT coalesce(p.private, false) THEN ARRAY['public']
        WHEN coalesce(p.owner_org, '') <> '' THEN ARRAY['member-' || p.owner_org]
        ELSE ARRAY['creator-' || coalesce(p.creator_user_id, 'None')]
    END
FROM package AS p
WHERE p.id = a.object_id
  AND a.activity_type LIKE '% package'
  AND a.permission_labels IS NULL;

UPDATE activity SET permission_labels = ARRAY['public']
WHERE activity_type LIKE '% package' AND permission_labels IS NULL;

UPDATE activity_alembic_version SET version_num = 'fab3bfdcf830';

-- Every dataset activity has labels; 'public' went to the activities of public and purged datasets
-- only; nothing else was touched and no activity was added or lost.
-- ferry:assert SELECT count(*) = 0 FROM activity WHERE activity_type LIKE '% package' AND permission_labels IS NULL
-- ferry:assert SELECT :unlabelled = :of_public_datasets + :of_other_datasets + :of_purged_datasets
-- ferry:assert SELECT count(*) = :public_before + :of_public_datasets + :of_purged_datasets FROM activity WHERE permission_labels = ARRAY['public']
-- ferry:assert SELECT count(*) = :other_labelled FROM activity WHERE activity_type NOT LIKE '% package' AND permission_labels IS NOT NULL
-- ferry:assert SELECT count(*) = :activities FROM activity
-- ferry:assert SELECT count(*) = 1 FROM activity_alembic_version WHERE version_num = 'fab3bfdcf830'
