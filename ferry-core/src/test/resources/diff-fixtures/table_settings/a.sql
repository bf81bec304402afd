-- Replica identity and per-column statistics targets are set, changed and reset to the default.
CREATE TABLE event (id integer PRIMARY KEY, kind text, payload text);
ALTER TABLE event REPLICA IDENTITY FULL;
ALTER TABLE event ALTER COLUMN kind SET STATISTICS 200;
ALTER TABLE event ALTER COLUMN payload SET STATISTICS 50;
CREATE TABLE audit (id integer, at timestamptz);
