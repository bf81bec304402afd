-- A materialized view with a comment is added, and another one is made again with a new comment:
-- each comment comes after its view exists.
CREATE TABLE sale (id integer, amount numeric);
CREATE MATERIALIZED VIEW total AS SELECT sum(amount) AS amount FROM sale;
