-- CKAN 076: the text and PDF view plugins were renamed too.

UPDATE resource_view SET view_type = 'text_view' WHERE view_type = 'text';
UPDATE resource_view SET view_type = 'pdf_view' WHERE view_type = 'pdf';

UPDATE migrate_version SET version = 76 WHERE repository_id = 'Ckan';
