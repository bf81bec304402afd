-- Partitioned tables (with a partition that is itself partitioned, a default partition, indexes
-- and keys on the parent, a partition with its own default) and classic inheritance (with an extra
-- local column, a merged column and a check inherited from the parent).
CREATE TABLE measurement (
    city_id integer NOT NULL,
    logdate date NOT NULL,
    peaktemp integer DEFAULT 0,
    PRIMARY KEY (city_id, logdate)
) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_2006 PARTITION OF measurement
    FOR VALUES FROM ('2006-01-01') TO ('2007-01-01') PARTITION BY LIST (city_id);
CREATE TABLE measurement_2006_c1 PARTITION OF measurement_2006 FOR VALUES IN (1, 2);
CREATE TABLE measurement_2007 PARTITION OF measurement FOR VALUES FROM ('2007-01-01') TO ('2008-01-01');
CREATE TABLE measurement_other PARTITION OF measurement DEFAULT;
ALTER TABLE measurement_2007 ALTER COLUMN peaktemp SET DEFAULT 7;
CREATE INDEX measurement_peak ON measurement (peaktemp);
CREATE INDEX measurement_2007_city ON measurement_2007 (city_id);
CREATE TABLE city_hash (id integer, name text) PARTITION BY HASH (id);
CREATE TABLE city_hash_0 PARTITION OF city_hash FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE city_hash_1 PARTITION OF city_hash FOR VALUES WITH (MODULUS 2, REMAINDER 1);

CREATE FUNCTION log_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER measurement_log AFTER INSERT ON measurement FOR EACH ROW EXECUTE FUNCTION log_row();

CREATE TABLE base (
    id integer NOT NULL,
    created timestamp DEFAULT now(),
    kind text CONSTRAINT kind_known CHECK (kind IN ('a', 'b'))
);
CREATE TABLE child_a (extra text, kind text) INHERITS (base);
CREATE TABLE other_base (note text);
CREATE TABLE child_ab () INHERITS (child_a, other_base);
ALTER TABLE child_a ALTER COLUMN created SET DEFAULT '2001-01-01';
CREATE UNLOGGED TABLE scratch (id integer);
