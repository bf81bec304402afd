-- Aggregates are modelled like functions: added, changed (dropped and created, with the view that
-- uses one made again) and removed (after the view that uses it).
CREATE TABLE word (w text);
CREATE FUNCTION add_len(integer, text) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + length($2)';
CREATE AGGREGATE total_len(text) (SFUNC = add_len, STYPE = integer, INITCOND = '0');
CREATE VIEW word_stats AS SELECT total_len(w) AS letters FROM word;
CREATE AGGREGATE old_count(text) (SFUNC = add_len, STYPE = integer, INITCOND = '0');
CREATE VIEW old_stats AS SELECT old_count(w) AS n FROM word;
