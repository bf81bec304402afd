-- CKAN 075: the image and web page view plugins were renamed; existing views follow.
-- (On a database coming from 071, resource_view was only just created and is empty.)

UPDATE resource_view SET view_type = 'image_view' WHERE view_type = 'image';
UPDATE resource_view SET view_type = 'webpage_view' WHERE view_type = 'webpage';

UPDATE migrate_version SET version = 75 WHERE repository_id = 'Ckan';
