-- A column's type changes under a chain of views and a materialized view (pg-schema-diff#280):
-- they must be dropped, outermost first, and made again after the change.
CREATE TABLE measurement (id integer PRIMARY KEY, value integer, label varchar(20));
CREATE VIEW z_first AS SELECT id, value, label FROM measurement;
CREATE VIEW a_second AS SELECT id, value * 2 AS doubled FROM z_first;
CREATE VIEW m_third AS SELECT doubled FROM a_second WHERE doubled > 0;
CREATE MATERIALIZED VIEW summary AS SELECT sum(doubled) AS total FROM a_second;
CREATE FUNCTION twice(x numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
CREATE VIEW uses_function AS SELECT twice(value) AS t FROM measurement;
