CREATE TABLE sale (id integer, amount numeric);
CREATE MATERIALIZED VIEW total AS SELECT sum(amount) AS amount, count(*) AS n FROM sale;
COMMENT ON MATERIALIZED VIEW total IS 'sales so far';
CREATE MATERIALIZED VIEW biggest AS SELECT max(amount) AS amount FROM sale;
COMMENT ON MATERIALIZED VIEW biggest IS 'the biggest sale';
