-- A partition's own primary key is attached to its partitioned table's unique index, which then is
-- valid and can back a foreign key. The attachment of an index behind a constraint must be seen
-- and made like any other.
CREATE TABLE reading (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE reading_2026 (id integer NOT NULL, at date NOT NULL, CONSTRAINT reading_2026_pkey PRIMARY KEY (id, at));
ALTER TABLE reading ATTACH PARTITION reading_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE UNIQUE INDEX reading_id_at ON ONLY reading (id, at);
INSERT INTO reading VALUES (1, '2026-05-01');
