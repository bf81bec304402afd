-- The primary key that two foreign keys reference changes (new name, now deferrable): the foreign
-- keys must be dropped before it and added again after it (apgdiff#229).
CREATE TABLE parent (id integer CONSTRAINT parent_pkey PRIMARY KEY, code text);
CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id));
CREATE TABLE other_child (parent_id integer CONSTRAINT other_fk REFERENCES parent (id));
