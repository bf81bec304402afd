-- An enum loses a value and reorders another: rename, create, recast every column (with its
-- default, and an array column), with a view and a check using the type made again around it.
CREATE TYPE status AS ENUM ('draft', 'review', 'published', 'retired');
CREATE TABLE post (id integer PRIMARY KEY, state status NOT NULL DEFAULT 'draft', history status[],
    CONSTRAINT not_retired CHECK (state <> 'retired'));
CREATE VIEW public_post AS SELECT id FROM post WHERE state = 'published';
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE diary (feeling mood);
