-- Replica identity (FULL, NOTHING, USING INDEX), CLUSTER ON and per-column statistics targets are
-- set, changed and reset to the default, on kept and new tables, with kept and recreated indexes.
CREATE TABLE event (id integer PRIMARY KEY, kind text, payload text);
ALTER TABLE event REPLICA IDENTITY FULL;
ALTER TABLE event ALTER COLUMN kind SET STATISTICS 200;
ALTER TABLE event ALTER COLUMN payload SET STATISTICS 50;
CREATE TABLE audit (id integer, at timestamptz);
CREATE TABLE visit (id integer NOT NULL, at date NOT NULL, CONSTRAINT visit_pkey PRIMARY KEY (id));
CREATE UNIQUE INDEX visit_at ON visit (at, id);
CREATE INDEX visit_day ON visit (at);
ALTER TABLE visit CLUSTER ON visit_day;
ALTER TABLE visit REPLICA IDENTITY USING INDEX visit_at;
CREATE TABLE page (id integer NOT NULL, path text NOT NULL);
CREATE UNIQUE INDEX page_path ON page (path);
ALTER TABLE page CLUSTER ON page_path;
