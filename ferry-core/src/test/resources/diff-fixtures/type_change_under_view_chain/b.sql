CREATE TABLE measurement (id integer PRIMARY KEY, value numeric(12,2), label text);
CREATE VIEW z_first AS SELECT id, value, label FROM measurement;
CREATE VIEW a_second AS SELECT id, value * 2 AS doubled FROM z_first;
CREATE VIEW m_third AS SELECT doubled FROM a_second WHERE doubled > 0;
CREATE MATERIALIZED VIEW summary AS SELECT sum(doubled) AS total FROM a_second;
CREATE FUNCTION twice(x numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
CREATE VIEW uses_function AS SELECT twice(value) AS t FROM measurement;
