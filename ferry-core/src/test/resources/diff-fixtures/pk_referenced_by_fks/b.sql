-- The key is renamed (so dropped and added); a new foreign key needs a unique index that is new too
-- (apgdiff#200: the index must come first).
CREATE TABLE parent (id integer CONSTRAINT parent_key PRIMARY KEY, code text);
CREATE UNIQUE INDEX parent_code_idx ON parent (code);
CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id), parent_code text);
ALTER TABLE child ADD CONSTRAINT child_code_fkey FOREIGN KEY (parent_code) REFERENCES parent (code);
CREATE TABLE other_child (parent_id integer CONSTRAINT other_fk REFERENCES parent (id));
