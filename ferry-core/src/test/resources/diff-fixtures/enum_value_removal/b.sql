CREATE TYPE status AS ENUM ('draft', 'published', 'review');
CREATE TABLE post (id integer PRIMARY KEY, state status NOT NULL DEFAULT 'draft', history status[],
    CONSTRAINT not_retired CHECK (state <> 'review'));
CREATE VIEW public_post AS SELECT id FROM post WHERE state = 'published';
CREATE TYPE mood AS ENUM ('ecstatic', 'happy', 'meh', 'sad', 'angry');
CREATE TABLE diary (feeling mood DEFAULT 'meh');
