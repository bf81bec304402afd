-- CKAN 072: resource views, the previews shown on a resource page (image, web page, text, PDF,
-- data explorer ...). A view belongs to a resource; config is JSON text.
-- The foreign key is created plain here and made cascading by 073, as in CKAN.

CREATE TABLE resource_view (
    id text NOT NULL,
    resource_id text,
    title text,
    description text,
    view_type text NOT NULL,
    "order" integer NOT NULL,
    config text,
    CONSTRAINT resource_view_pkey PRIMARY KEY (id),
    CONSTRAINT resource_view_resource_id_fkey FOREIGN KEY (resource_id) REFERENCES resource (id)
);

UPDATE migrate_version SET version = 72 WHERE repository_id = 'Ckan';
