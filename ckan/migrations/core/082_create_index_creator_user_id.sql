-- CKAN 082: an index to list the datasets a user created.

CREATE INDEX idx_package_creator_user_id ON package (creator_user_id);

UPDATE migrate_version SET version = 82 WHERE repository_id = 'Ckan';
