CREATE TABLE reading (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE reading_2026 (id integer NOT NULL, at date NOT NULL, CONSTRAINT reading_2026_pkey PRIMARY KEY (id, at));
ALTER TABLE reading ATTACH PARTITION reading_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE UNIQUE INDEX reading_id_at ON ONLY reading (id, at);
ALTER INDEX reading_id_at ATTACH PARTITION reading_2026_pkey;
CREATE TABLE note (id integer PRIMARY KEY, reading_id integer, reading_at date,
    FOREIGN KEY (reading_id, reading_at) REFERENCES reading (id, at));
